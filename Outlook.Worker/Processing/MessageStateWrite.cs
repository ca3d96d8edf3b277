using Outlook.Worker.Normalization;

namespace Outlook.Worker.Processing;

/// <summary>A message-state change to store after the event is acknowledged: the new metadata, or null to delete the entry.</summary>
internal sealed record MessageStateWrite(string TenantId, string MailboxId, string MessageId, MessageMetadata? Metadata);
