namespace Outlook.Worker.Personas.Options;

/// <summary>
/// A slow rise is a short-window mean of a daily value (external share of sent mail, external
/// messages sent) that stays above its long-window mean for many consecutive days.
/// </summary>
internal sealed class DriftSettings
{
    public TimeSpan ShortHalfLife { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan LongHalfLife { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Short mean over long mean that counts as raised.</summary>
    public double MinRatio { get; set; } = 1.5;

    /// <summary>Rise of the external share (0 to 1) that counts as raised.</summary>
    public double MinShareIncrease { get; set; } = 0.15;

    /// <summary>Rise of external messages per day that counts as raised.</summary>
    public double MinVolumeIncrease { get; set; } = 2;

    /// <summary>Consecutive closed days the short mean must stay raised.</summary>
    public int SustainDays { get; set; } = 10;

    /// <summary>Closed days of history the long mean needs before it is trusted.</summary>
    public int MinHistoryDays { get; set; } = 45;

    public TimeSpan IncidentWindow { get; set; } = TimeSpan.FromDays(30);
}
