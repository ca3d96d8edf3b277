using System.Text.Json.Serialization;

namespace Outlook.Contracts.Events;

/// <summary>
/// The normalised part of an event. Mail fields are null (and omitted) for folder and rule
/// events and when a message could not be fetched; rule fields are set only on rule events.
/// </summary>
public sealed record EventPayload
{
    /// <summary>The Graph resource id (message, folder or rule id).</summary>
    [JsonPropertyName("event_id")]
    public required string EventId { get; init; }

    /// <summary>The mailbox owner's address.</summary>
    [JsonPropertyName("user")]
    public required string User { get; init; }

    /// <summary>One of <see cref="EventActions"/>.</summary>
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    [JsonPropertyName("from_domain")]
    public string? FromDomain { get; init; }

    /// <summary>True when the sender's domain is not one of the tenant's internal domains or their subdomains.</summary>
    [JsonPropertyName("is_external_sender")]
    public bool? IsExternalSender { get; init; }

    /// <summary>To plus cc, plus bcc when visible (sent mail and drafts).</summary>
    [JsonPropertyName("recipient_count")]
    public int? RecipientCount { get; init; }

    /// <summary>Distinct recipient domains in first-seen order.</summary>
    [JsonPropertyName("to_domains")]
    public IReadOnlyList<string>? ToDomains { get; init; }

    [JsonPropertyName("cc_domains")]
    public IReadOnlyList<string>? CcDomains { get; init; }

    [JsonPropertyName("has_attachments")]
    public bool? HasAttachments { get; init; }

    [JsonPropertyName("importance")]
    public string? Importance { get; init; }

    [JsonPropertyName("is_read")]
    public bool? IsRead { get; init; }

    [JsonPropertyName("conversation_id")]
    public string? ConversationId { get; init; }

    /// <summary>Distinct domains of the rule's forwardTo, forwardAsAttachmentTo and redirectTo targets.</summary>
    [JsonPropertyName("rule_forward_domains")]
    public IReadOnlyList<string>? RuleForwardDomains { get; init; }

    /// <summary>True when any forward or redirect target of the rule is outside the tenant's domains.</summary>
    [JsonPropertyName("rule_forwards_externally")]
    public bool? RuleForwardsExternally { get; init; }
}
