namespace Outlook.ServiceDefaults.Kafka;

/// <summary>
/// Kafka client settings, bound from the "Kafka" configuration section. The bootstrap servers
/// come from the "kafka" connection string; Producer and Consumer take any librdkafka
/// property by its dotted name (for example "linger.ms").
/// </summary>
public sealed class KafkaClientOptions
{
    public const string SectionName = "Kafka";

    public string BootstrapServers { get; set; } = "";

    /// <summary>librdkafka properties applied to every producer, after the defaults.</summary>
    public Dictionary<string, string> Producer { get; } = new(StringComparer.Ordinal);

    /// <summary>librdkafka properties applied to every consumer, after the defaults.</summary>
    public Dictionary<string, string> Consumer { get; } = new(StringComparer.Ordinal);

    /// <summary>How long the health check waits for cluster metadata.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
