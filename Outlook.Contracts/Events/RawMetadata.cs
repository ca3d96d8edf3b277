using System.Text.Json.Serialization;

namespace Outlook.Contracts.Events;

/// <summary>
/// The allow-listed metadata of the changed resource, renamed to snake_case. Null members are
/// omitted. Subject, body, preview, attachment content and rule condition values are never
/// copied here, whatever the source carried.
/// </summary>
public sealed record RawMetadata
{
    [JsonPropertyName("platform_event_id")]
    public required string PlatformEventId { get; init; }

    /// <summary>created, updated or deleted, as Graph or the poller reported it.</summary>
    [JsonPropertyName("change_type")]
    public required string ChangeType { get; init; }

    [JsonPropertyName("from_address")]
    public string? FromAddress { get; init; }

    [JsonPropertyName("from_name")]
    public string? FromName { get; init; }

    [JsonPropertyName("to_count")]
    public int? ToCount { get; init; }

    [JsonPropertyName("cc_count")]
    public int? CcCount { get; init; }

    [JsonPropertyName("to_domains")]
    public IReadOnlyList<string>? ToDomains { get; init; }

    [JsonPropertyName("cc_domains")]
    public IReadOnlyList<string>? CcDomains { get; init; }

    [JsonPropertyName("from_domain")]
    public string? FromDomain { get; init; }

    [JsonPropertyName("is_external")]
    public bool? IsExternal { get; init; }

    [JsonPropertyName("has_attachments")]
    public bool? HasAttachments { get; init; }

    [JsonPropertyName("importance")]
    public string? Importance { get; init; }

    [JsonPropertyName("is_read")]
    public bool? IsRead { get; init; }

    [JsonPropertyName("is_draft")]
    public bool? IsDraft { get; init; }

    [JsonPropertyName("internet_message_id")]
    public string? InternetMessageId { get; init; }

    [JsonPropertyName("conversation_id")]
    public string? ConversationId { get; init; }

    [JsonPropertyName("flag_status")]
    public string? FlagStatus { get; init; }

    [JsonPropertyName("received_at")]
    public string? ReceivedAt { get; init; }

    [JsonPropertyName("sent_at")]
    public string? SentAt { get; init; }

    [JsonPropertyName("created_at")]
    public string? CreatedAt { get; init; }

    [JsonPropertyName("source_platform")]
    public string SourcePlatform { get; init; } = NormalizedEventConstants.SourcePlatform;

    [JsonPropertyName("last_modified_at")]
    public string? LastModifiedAt { get; init; }

    /// <summary>Visible on sent mail and drafts only; Graph returns an empty list on received mail.</summary>
    [JsonPropertyName("bcc_count")]
    public int? BccCount { get; init; }

    [JsonPropertyName("bcc_domains")]
    public IReadOnlyList<string>? BccDomains { get; init; }

    /// <summary>The sender when it differs from the from address (send-on-behalf or send-as).</summary>
    [JsonPropertyName("sender_address")]
    public string? SenderAddress { get; init; }

    [JsonPropertyName("reply_to_domains")]
    public IReadOnlyList<string>? ReplyToDomains { get; init; }

    [JsonPropertyName("parent_folder_id")]
    public string? ParentFolderId { get; init; }

    /// <summary>The folder the message was in before, for email_moved.</summary>
    [JsonPropertyName("previous_parent_folder_id")]
    public string? PreviousParentFolderId { get; init; }

    [JsonPropertyName("inference_classification")]
    public string? InferenceClassification { get; init; }

    [JsonPropertyName("categories_count")]
    public int? CategoriesCount { get; init; }

    /// <summary>Why a delta page reported the item removed (for example "deleted").</summary>
    [JsonPropertyName("removed_reason")]
    public string? RemovedReason { get; init; }

    /// <summary>
    /// False when the message's metadata could not be fetched (Graph returned 404 because the
    /// message moved or was deleted first), so only ids are known. Omitted otherwise.
    /// </summary>
    [JsonPropertyName("enriched")]
    public bool? Enriched { get; init; }

    [JsonPropertyName("folder_name")]
    public string? FolderName { get; init; }

    [JsonPropertyName("previous_folder_name")]
    public string? PreviousFolderName { get; init; }

    [JsonPropertyName("rule_name")]
    public string? RuleName { get; init; }

    [JsonPropertyName("rule_sequence")]
    public int? RuleSequence { get; init; }

    [JsonPropertyName("rule_is_enabled")]
    public bool? RuleIsEnabled { get; init; }

    [JsonPropertyName("rule_is_read_only")]
    public bool? RuleIsReadOnly { get; init; }

    /// <summary>True when Graph shows the rule with no conditions and no actions: its effect is unknown, not harmless.</summary>
    [JsonPropertyName("rule_is_opaque")]
    public bool? RuleIsOpaque { get; init; }

    [JsonPropertyName("rule_has_error")]
    public bool? RuleHasError { get; init; }

    /// <summary>Names of the condition properties the rule sets (for example "fromAddresses"); never their values.</summary>
    [JsonPropertyName("rule_conditions")]
    public IReadOnlyList<string>? RuleConditions { get; init; }

    /// <summary>Names of the action properties the rule sets (for example "forwardTo", "delete").</summary>
    [JsonPropertyName("rule_actions")]
    public IReadOnlyList<string>? RuleActions { get; init; }

    [JsonPropertyName("rule_forward_to_domains")]
    public IReadOnlyList<string>? RuleForwardToDomains { get; init; }

    [JsonPropertyName("rule_forward_as_attachment_to_domains")]
    public IReadOnlyList<string>? RuleForwardAsAttachmentToDomains { get; init; }

    [JsonPropertyName("rule_redirect_to_domains")]
    public IReadOnlyList<string>? RuleRedirectToDomains { get; init; }

    [JsonPropertyName("rule_forwards_externally")]
    public bool? RuleForwardsExternally { get; init; }

    /// <summary>True when the rule deletes (moves to Deleted Items) or permanently deletes mail.</summary>
    [JsonPropertyName("rule_deletes")]
    public bool? RuleDeletes { get; init; }

    [JsonPropertyName("rule_permanently_deletes")]
    public bool? RulePermanentlyDeletes { get; init; }

    [JsonPropertyName("rule_move_to_folder")]
    public string? RuleMoveToFolder { get; init; }

    [JsonPropertyName("rule_copy_to_folder")]
    public string? RuleCopyToFolder { get; init; }

    [JsonPropertyName("rule_marks_as_read")]
    public bool? RuleMarksAsRead { get; init; }

    [JsonPropertyName("rule_stops_processing")]
    public bool? RuleStopsProcessing { get; init; }
}
