namespace Outlook.Worker.Personas.State;

/// <summary>Exponential decay by half-life.</summary>
internal static class Decay
{
    /// <summary>Returns the weight left after <paramref name="elapsed"/>; 1 for no or negative time.</summary>
    public static double Factor(TimeSpan elapsed, TimeSpan halfLife) =>
        elapsed <= TimeSpan.Zero ? 1 : Math.Pow(0.5, elapsed / halfLife);

    /// <summary>Returns the weight of one new daily value in a mean with this half-life.</summary>
    public static double DailyAlpha(TimeSpan halfLife) =>
        1 - Math.Pow(0.5, 1 / halfLife.TotalDays);
}
