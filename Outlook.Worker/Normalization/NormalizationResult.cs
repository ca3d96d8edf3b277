using Outlook.Contracts.Events;

namespace Outlook.Worker.Normalization;

/// <summary>An event to publish, or the reason a valid record produces none (a lifecycle record, a folder update that renamed nothing).</summary>
internal sealed record NormalizationResult(NormalizedEvent? Event, string? SkipReason)
{
    public static NormalizationResult Publish(NormalizedEvent normalized) => new(normalized, null);

    public static NormalizationResult Skip(string reason) => new(null, reason);
}
