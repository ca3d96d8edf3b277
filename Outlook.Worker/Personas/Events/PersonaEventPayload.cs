namespace Outlook.Worker.Personas.Events;

/// <summary>The payload fields personas read, seen from the mailbox owner.</summary>
internal sealed record PersonaEventPayload : RuleFields
{
    /// <summary>The Graph resource id: message, folder or rule id.</summary>
    public string? EventId { get; init; }

    /// <summary>The mailbox owner's address.</summary>
    public string? User { get; init; }

    /// <summary>One of <see cref="EventActions"/>, or another action personas only count.</summary>
    public string? Action { get; init; }

    public string? FromDomain { get; init; }

    public bool? IsExternalSender { get; init; }

    public int? RecipientCount { get; init; }

    public IReadOnlyList<string>? ToDomains { get; init; }

    public IReadOnlyList<string>? CcDomains { get; init; }

    public bool? HasAttachments { get; init; }
}
