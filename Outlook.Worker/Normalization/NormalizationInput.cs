using Outlook.Contracts;

namespace Outlook.Worker.Normalization;

/// <summary>
/// Everything one record's event is built from. <see cref="FetchedMetadata"/> is set when the
/// worker fetched the message; <see cref="NotFound"/> when the fetch returned 404.
/// </summary>
internal sealed record NormalizationInput(NotificationRecord Record, TenantContext Tenant, MailboxIdentity Owner)
{
    public MessageMetadata? FetchedMetadata { get; init; }
    public bool NotFound { get; init; }
    public MessageState? PreviousState { get; init; }
}
