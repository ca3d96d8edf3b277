using Microsoft.Extensions.Options;

namespace Outlook.Subscriptions.Options;

/// <summary>Checks every setting at start-up and names each bad key in one message.</summary>
internal sealed class SubscriptionsOptionsValidator : IValidateOptions<SubscriptionsOptions>
{
    private const string Section = SubscriptionsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SubscriptionsOptions options)
    {
        var failures = new List<string>();

        RequireUrl(failures, nameof(options.NotificationUrl), options.NotificationUrl);
        RequireUrl(failures, nameof(options.LifecycleNotificationUrl), options.LifecycleNotificationUrl);
        RequirePositive(failures, nameof(options.MaxLifetime), options.MaxLifetime);
        RequirePositive(failures, nameof(options.RenewalMargin), options.RenewalMargin);
        RequirePositive(failures, nameof(options.ScheduleInterval), options.ScheduleInterval);
        RequirePositive(failures, nameof(options.UserSyncInterval), options.UserSyncInterval);
        RequirePositive(failures, nameof(options.RulePollInterval), options.RulePollInterval);
        RequirePositive(failures, nameof(options.SilenceThreshold), options.SilenceThreshold);
        RequirePositive(failures, nameof(options.StateCheckInterval), options.StateCheckInterval);
        RequirePositive(failures, nameof(options.StateLossResyncWindow), options.StateLossResyncWindow);
        RequirePositive(failures, nameof(options.DedupTtl), options.DedupTtl);
        RequirePositive(failures, nameof(options.LeaseDuration), options.LeaseDuration);
        RequirePositive(failures, nameof(options.MailboxLockDuration), options.MailboxLockDuration);
        RequirePositive(failures, nameof(options.SubscriptionWriteWindow), options.SubscriptionWriteWindow);
        RequirePositive(failures, nameof(options.InitialBackoff), options.InitialBackoff);
        RequirePositive(failures, nameof(options.MaxBackoff), options.MaxBackoff);

        if (options.LifetimeSafetyMargin < TimeSpan.Zero || options.LifetimeSafetyMargin >= options.MaxLifetime)
        {
            failures.Add($"{Section}:LifetimeSafetyMargin must be zero or more and shorter than {Section}:MaxLifetime.");
        }

        RequireRange(failures, nameof(options.MailboxConcurrency), options.MailboxConcurrency, 1, 4);
        RequireRange(failures, nameof(options.TenantConcurrency), options.TenantConcurrency, 1, 10_000);
        RequireRange(failures, nameof(options.MailboxParallelism), options.MailboxParallelism, 1, 10_000);
        RequireRange(failures, nameof(options.SubscriptionWritesPerWindow), options.SubscriptionWritesPerWindow, 1, 500);

        if (options.ApiKey is { Length: > 0 and < 16 })
        {
            failures.Add($"{Section}:ApiKey must be at least 16 characters long.");
        }

        if (options.IdentityMapPath is { Length: > 0 } path && !File.Exists(path))
        {
            failures.Add($"{Section}:IdentityMapPath names a file that does not exist: {path}.");
        }

        ValidateRich(failures, options.RichNotifications);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRich(List<string> failures, RichNotificationOptions rich)
    {
        if (!rich.Enabled)
        {
            return;
        }

        if (!File.Exists(rich.CertificatePath))
        {
            failures.Add($"{Section}:RichNotifications:CertificatePath names a file that does not exist: {rich.CertificatePath}.");
        }

        if (string.IsNullOrWhiteSpace(rich.CertificateId))
        {
            failures.Add($"{Section}:RichNotifications:CertificateId is missing; it is required with CertificatePath.");
        }

        if (rich.MaxLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RichNotifications:MaxLifetime must be a positive duration.");
        }

        var fields = rich.Select.Split(',', StringSplitOptions.TrimEntries);
        if (fields.Any(field => field is "body" or "uniqueBody" or "subject" or "bodyPreview"))
        {
            failures.Add($"{Section}:RichNotifications:Select must not name subject, body, bodyPreview or uniqueBody.");
        }
    }

    private static void RequireUrl(List<string> failures, string key, Uri? value)
    {
        if (value is null || !value.IsAbsoluteUri)
        {
            failures.Add($"{Section}:{key} is missing or not an absolute URL.");
        }
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{key} must be a positive duration (for example 00:05:00).");
        }
    }

    private static void RequireRange(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Section}:{key} is {value}; it must be between {min} and {max}.");
        }
    }
}
