using Microsoft.Extensions.Options;

namespace Outlook.Worker;

/// <summary>Rejects invalid worker settings at start-up, naming every bad key at once.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        const string Section = WorkerOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.GroupId))
        {
            failures.Add($"{Section}:GroupId is missing.");
        }

        AddIfNotPositive(failures, $"{Section}:MaxPendingRecords", options.MaxPendingRecords);
        AddIfNotPositive(failures, $"{Section}:MaxFetchAttempts", options.MaxFetchAttempts);
        if (options.MailboxBatchSize is < 1 or > 20)
        {
            failures.Add($"{Section}:MailboxBatchSize must be between 1 and 20, not {options.MailboxBatchSize}.");
        }

        if (options.MaxGraphRequestsPerMailbox is < 1 or > 4)
        {
            failures.Add($"{Section}:MaxGraphRequestsPerMailbox must be between 1 and 4 (Outlook's limit per mailbox), not {options.MaxGraphRequestsPerMailbox}.");
        }

        AddIfNotPositive(failures, $"{Section}:MaxRetryAfter", options.MaxRetryAfter);
        AddIfNotPositive(failures, $"{Section}:InitialBackoff", options.InitialBackoff);
        AddIfNotPositive(failures, $"{Section}:RevokeDrainTimeout", options.RevokeDrainTimeout);
        AddIfNotPositive(failures, $"{Section}:LagRefreshInterval", options.LagRefreshInterval);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfNotPositive(List<string> failures, string key, int value)
    {
        if (value <= 0)
        {
            failures.Add($"{key} must be positive, not {value}.");
        }
    }

    private static void AddIfNotPositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive duration, not {value}.");
        }
    }
}
