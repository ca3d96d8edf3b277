using Microsoft.Extensions.Time.Testing;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Subscriptions;

namespace Outlook.Tests.Subscriptions;

public sealed class RenewalPlannerTests
{
    [Fact]
    public void Planner_Basic_AsksForMaximumLessSafetyMargin() =>
        Assert.Equal(TimeSpan.FromMinutes(10_080 - 15), Planner(new SubscriptionsOptions()).Lifetime);

    [Fact]
    public void Planner_Rich_IsCappedAt1440Minutes()
    {
        var options = new SubscriptionsOptions { RichNotifications = { CertificatePath = "encryption.cer", CertificateId = "c1" } };

        Assert.Equal(TimeSpan.FromMinutes(1_440 - 15), Planner(options).Lifetime);
    }

    [Fact]
    public void Planner_MarginLongerThanHalfLifetime_IsCapped()
    {
        var options = new SubscriptionsOptions { MaxLifetime = TimeSpan.FromHours(2), LifetimeSafetyMargin = TimeSpan.Zero, RenewalMargin = TimeSpan.FromHours(5) };

        Assert.Equal(TimeSpan.FromHours(1), Planner(options).Margin);
    }

    [Fact]
    public void Planner_BeforeMargin_IsNotDue()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var planner = Planner(new SubscriptionsOptions { RenewalMargin = TimeSpan.FromHours(12) });
        var expiresAt = planner.ExpiryFrom(time.GetUtcNow());

        time.Advance(planner.Lifetime - TimeSpan.FromHours(12) - TimeSpan.FromMinutes(1));

        Assert.False(planner.IsDue(expiresAt, time.GetUtcNow()));
    }

    [Fact]
    public void Planner_PastMargin_IsDueBeforeExpiry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var planner = Planner(new SubscriptionsOptions { RenewalMargin = TimeSpan.FromHours(12) });
        var expiresAt = planner.ExpiryFrom(time.GetUtcNow());

        time.Advance(planner.Lifetime - TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));

        Assert.True(planner.IsDue(expiresAt, time.GetUtcNow()));
        Assert.True(time.GetUtcNow() < expiresAt);
    }

    private static RenewalPlanner Planner(SubscriptionsOptions options) => new(Microsoft.Extensions.Options.Options.Create(options));
}
