namespace Outlook.Worker.Personas.Options;

/// <summary>
/// How personas learn and when detections fire. Bound from the "Personas" section, and again
/// from "Personas:Tenants:{tenantId}" on top of those values for a tenant that overrides any of them.
/// </summary>
internal class PersonaSettings
{
    /// <summary>Time zone of the hour-of-week histogram and of daily volumes (IANA or Windows id).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>After this much event time a count, histogram bin or share weighs half as much.</summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many domains a persona keeps; the lowest decayed counts are evicted first.</summary>
    public int MaxDomains { get; set; } = 100;

    /// <summary>How many correspondent addresses a persona keeps; the lowest decayed counts are evicted first.</summary>
    public int MaxCorrespondents { get; set; } = 100;

    public WarmupSettings Warmup { get; set; } = new();

    public RuleDetectionSettings Rules { get; set; } = new();

    public ExfiltrationSettings Exfiltration { get; set; } = new();

    public NewDomainSettings NewDomain { get; set; } = new();

    public OffHoursSettings OffHours { get; set; } = new();

    public DriftSettings Drift { get; set; } = new();
}
