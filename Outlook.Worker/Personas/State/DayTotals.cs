namespace Outlook.Worker.Personas.State;

/// <summary>Message counts of one local day.</summary>
internal sealed class DayTotals
{
    /// <summary>Evidence lists stop growing at this many domains.</summary>
    public const int MaxDomains = 20;

    public DateOnly Date { get; set; }

    public int Sent { get; set; }

    public int Received { get; set; }

    /// <summary>Sent messages with at least one recipient outside the tenant.</summary>
    public int ExternalSent { get; set; }

    public int ExternalReceived { get; set; }

    /// <summary>Sent messages with attachments and at least one recipient outside the tenant.</summary>
    public int ExternalAttachmentSent { get; set; }

    /// <summary>External domains that received attachments this day, for alert evidence.</summary>
    public List<string> ExternalAttachmentDomains { get; set; } = [];

    /// <summary>The share of sent messages that went outside the tenant, or null on a day without sent mail.</summary>
    public double? ExternalShare => Sent == 0 ? null : (double)ExternalSent / Sent;
}
