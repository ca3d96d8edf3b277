namespace Outlook.GraphEmulator.Mail;

/// <summary>An inbox rule. Read-only rules have no conditions or actions, as Graph returns rules it cannot show.</summary>
public sealed class MessageRule
{
    public required string Id { get; init; }

    public required string DisplayName { get; set; }

    public int Sequence { get; set; }

    public bool IsEnabled { get; set; } = true;

    public bool HasError { get; set; }

    public bool IsReadOnly { get; init; }

    public List<string> SenderContains { get; init; } = [];

    public List<string> SubjectContains { get; init; } = [];

    public List<Recipient> ForwardTo { get; init; } = [];

    public List<Recipient> ForwardAsAttachmentTo { get; init; } = [];

    public List<Recipient> RedirectTo { get; init; } = [];

    public string? MoveToFolder { get; set; }

    public bool Delete { get; set; }

    public bool MarkAsRead { get; set; }

    public bool StopProcessingRules { get; set; }
}
