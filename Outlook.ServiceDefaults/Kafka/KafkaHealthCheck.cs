using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Outlook.ServiceDefaults.Kafka;

/// <summary>Healthy when the cluster returns metadata with at least one broker within the configured timeout.</summary>
internal sealed class KafkaHealthCheck(KafkaClientFactory factory, IOptions<KafkaClientOptions> options) : IHealthCheck, IDisposable
{
    private readonly Lazy<Confluent.Kafka.IAdminClient> _admin = new(factory.CreateAdminClient);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            try
            {
                // GetMetadata blocks; the timeout bounds it.
                var metadata = _admin.Value.GetMetadata(options.Value.HealthCheckTimeout);
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s), {metadata.Topics.Count} topic(s)")
                    : HealthCheckResult.Unhealthy("Kafka returned metadata with no brokers");
            }
            catch (Confluent.Kafka.KafkaException ex)
            {
                return HealthCheckResult.Unhealthy($"Kafka metadata request failed: {ex.Error.Reason}", ex);
            }
        }, cancellationToken);

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
