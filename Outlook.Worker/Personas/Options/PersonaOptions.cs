namespace Outlook.Worker.Personas.Options;

/// <summary>The "Personas" section: default settings, consumer settings and per-tenant overrides.</summary>
internal sealed class PersonaOptions : PersonaSettings
{
    public const string SectionName = "Personas";

    /// <summary>Kafka consumer group reading outlook.events for personas.</summary>
    public string ConsumerGroup { get; set; } = "outlook-personas";

    /// <summary>Wait before retrying an event whose persona or alerts could not be stored.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Number of personas whose last saved state stays in memory, so the next event of the same
    /// user is applied without reading Redis. 0 turns the cache off.
    /// </summary>
    public int CacheSize { get; set; } = Hosting.PersonaStore.DefaultCacheSize;

    /// <summary>Settings per Entra tenant id; each starts from the defaults above and overrides what its section sets.</summary>
    public Dictionary<string, PersonaSettings> Tenants { get; } = new(StringComparer.OrdinalIgnoreCase);
}
