namespace Outlook.Worker.Personas.State;

/// <summary>An exponentially weighted mean and variance, updated once per closed day.</summary>
internal sealed class EwStat
{
    public double Mean { get; set; }

    public double Variance { get; set; }

    public double StdDev => Math.Sqrt(Math.Max(0, Variance));

    /// <summary>Adds one value with weight <paramref name="alpha"/> (West's incremental form, stable for long runs).</summary>
    public void Add(double value, double alpha)
    {
        var difference = value - Mean;
        var increment = alpha * difference;
        Mean += increment;
        Variance = (1 - alpha) * (Variance + difference * increment);
    }
}
