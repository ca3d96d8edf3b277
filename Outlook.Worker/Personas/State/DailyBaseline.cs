namespace Outlook.Worker.Personas.State;

/// <summary>Decayed daily means and variances; days without mail count as zeros.</summary>
internal sealed class DailyBaseline
{
    public int ClosedDays { get; set; }

    public EwStat Sent { get; set; } = new();

    public EwStat Received { get; set; } = new();

    public EwStat ExternalSent { get; set; } = new();

    public EwStat ExternalAttachmentSent { get; set; } = new();
}
