using Microsoft.Extensions.Options;
using Outlook.Subscriptions.Options;

namespace Outlook.Subscriptions.Subscriptions;

/// <summary>Decides how long a subscription is asked to live and when it is due for renewal.</summary>
public sealed class RenewalPlanner(IOptions<SubscriptionsOptions> options)
{
    /// <summary>The longest lifetime Graph grants, for basic or rich subscriptions.</summary>
    public TimeSpan Lifetime
    {
        get
        {
            var settings = options.Value;
            var maximum = settings.RichNotifications.Enabled && settings.RichNotifications.MaxLifetime < settings.MaxLifetime
                ? settings.RichNotifications.MaxLifetime
                : settings.MaxLifetime;
            var lifetime = maximum - settings.LifetimeSafetyMargin;
            return lifetime > TimeSpan.Zero ? lifetime : maximum;
        }
    }

    /// <summary>Renewal margin, capped at half the lifetime so short rich subscriptions do not renew constantly.</summary>
    public TimeSpan Margin
    {
        get
        {
            var half = Lifetime / 2;
            return options.Value.RenewalMargin < half ? options.Value.RenewalMargin : half;
        }
    }

    /// <summary>Returns the expiry to request from Graph for a subscription created or renewed at <paramref name="now"/>.</summary>
    public DateTimeOffset ExpiryFrom(DateTimeOffset now) => now + Lifetime;

    /// <summary>Returns the latest expiry that is due for renewal at <paramref name="now"/>.</summary>
    public DateTimeOffset DueBefore(DateTimeOffset now) => now + Margin;

    public bool IsDue(DateTimeOffset expiresAt, DateTimeOffset now) => expiresAt <= DueBefore(now);
}
