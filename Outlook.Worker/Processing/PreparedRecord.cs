using Confluent.Kafka;
using Outlook.Worker.Normalization;

namespace Outlook.Worker.Processing;

/// <summary>A consumed record after parsing, tenant and identity lookup and enrichment: ready to normalise, or failed with a reason.</summary>
internal sealed record PreparedRecord(ConsumeResult<string, byte[]> Source)
{
    public NormalizationInput? Input { get; init; }

    /// <summary>Why a valid record produces no event; its offset is stored without output.</summary>
    public string? SkipReason { get; init; }

    /// <summary>Why the record goes to the dead-letter topic; null when it was prepared.</summary>
    public string? FailureReason { get; init; }

    /// <summary>A short label for the dead-letter metric: invalid_record, unknown_tenant, enrichment_failed, internal_error.</summary>
    public string FailureCategory { get; init; } = "";

    public Exception? Failure { get; init; }

    public static PreparedRecord Failed(ConsumeResult<string, byte[]> source, string category, string reason, Exception? failure = null) =>
        new(source) { FailureCategory = category, FailureReason = reason, Failure = failure };
}
