using Microsoft.Extensions.Options;

namespace Outlook.GraphEmulator.Options;

/// <summary>Rejects every invalid emulator setting at start-up, naming each bad key.</summary>
public sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var errors = new List<string>();
        const string Prefix = EmulatorOptions.SectionName + ":";

        if (!Guid.TryParse(options.TenantId, out _))
        {
            errors.Add($"{Prefix}TenantId must be a GUID; got '{options.TenantId}'.");
        }

        if (!Guid.TryParse(options.ClientId, out _))
        {
            errors.Add($"{Prefix}ClientId must be a GUID; got '{options.ClientId}'.");
        }

        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            errors.Add($"{Prefix}ClientSecret is missing.");
        }

        if (!string.IsNullOrEmpty(options.CorpusPath) && !File.Exists(options.CorpusPath))
        {
            errors.Add($"{Prefix}CorpusPath '{options.CorpusPath}' does not exist.");
        }

        if (!string.IsNullOrEmpty(options.ClientCertificatePath) && !File.Exists(options.ClientCertificatePath))
        {
            errors.Add($"{Prefix}ClientCertificatePath '{options.ClientCertificatePath}' does not exist.");
        }

        RequirePositive(errors, Prefix + "TimeCompressionFactor", options.TimeCompressionFactor);
        if (options.ReplayMaxWait is { } maxWait && maxWait <= TimeSpan.Zero)
        {
            errors.Add($"{Prefix}ReplayMaxWait must be positive when set; got {maxWait}.");
        }

        RequirePositive(errors, Prefix + "RequestBudget", options.RequestBudget);
        RequirePositive(errors, Prefix + "MaxConcurrentRequestsPerMailbox", options.MaxConcurrentRequestsPerMailbox);
        RequirePositive(errors, Prefix + "MaxSubscriptionsPerMailbox", options.MaxSubscriptionsPerMailbox);
        RequirePositive(errors, Prefix + "DeliveryMaxAttempts", options.DeliveryMaxAttempts);
        RequirePositive(errors, Prefix + "MaxBatchSize", options.MaxBatchSize);
        RequirePositive(errors, Prefix + "MaxConcurrentDeliveries", options.MaxConcurrentDeliveries);
        RequirePositive(errors, Prefix + "PageSize", options.PageSize);

        if (options.MaxMailboxes < 0)
        {
            errors.Add($"{Prefix}MaxMailboxes must be 0 (all) or more; got {options.MaxMailboxes}.");
        }

        RequirePositive(errors, Prefix + "RequestBudgetWindow", options.RequestBudgetWindow);
        RequirePositive(errors, Prefix + "MaxSubscriptionLifetime", options.MaxSubscriptionLifetime);
        RequirePositive(errors, Prefix + "MaxRichSubscriptionLifetime", options.MaxRichSubscriptionLifetime);
        RequirePositive(errors, Prefix + "LifecycleCheckInterval", options.LifecycleCheckInterval);
        RequirePositive(errors, Prefix + "ValidationTimeout", options.ValidationTimeout);
        RequirePositive(errors, Prefix + "DeliveryTimeout", options.DeliveryTimeout);
        RequirePositive(errors, Prefix + "DeliveryInitialBackoff", options.DeliveryInitialBackoff);
        RequirePositive(errors, Prefix + "DeliveryMaxBackoff", options.DeliveryMaxBackoff);
        RequirePositive(errors, Prefix + "AccessTokenLifetime", options.AccessTokenLifetime);
        RequirePositive(errors, Prefix + "ValidationTokenLifetime", options.ValidationTokenLifetime);

        if (options.ThrottleRetryAfter < TimeSpan.Zero)
        {
            errors.Add($"{Prefix}ThrottleRetryAfter must not be negative; got {options.ThrottleRetryAfter}.");
        }

        if (options.BatchWindow < TimeSpan.Zero)
        {
            errors.Add($"{Prefix}BatchWindow must not be negative; got {options.BatchWindow}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequirePositive(List<string> errors, string key, double value)
    {
        if (!(value > 0))
        {
            errors.Add($"{key} must be greater than 0; got {value}.");
        }
    }

    private static void RequirePositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be a positive duration; got {value}.");
        }
    }
}
