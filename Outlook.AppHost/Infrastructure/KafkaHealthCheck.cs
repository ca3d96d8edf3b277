using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Outlook.AppHost.Infrastructure;

/// <summary>
/// Healthy when the Kafka endpoint returns metadata listing every topic the services use. With
/// <paramref name="createPartitions"/> set, missing topics are created first, for a real broker;
/// the mock cluster cannot create topics through the admin API and gets them at start-up.
/// </summary>
internal sealed class KafkaHealthCheck(IResourceWithConnectionString kafka, IReadOnlyCollection<string> topics, int? createPartitions = null)
    : IHealthCheck
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bootstrap = await kafka.ConnectionStringExpression.GetValueAsync(cancellationToken);
        if (string.IsNullOrEmpty(bootstrap))
        {
            return HealthCheckResult.Unhealthy("The Kafka connection string is not known yet.");
        }

        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
            var missing = await Task.Run(() => MissingTopics(admin), cancellationToken);
            if (missing.Count > 0 && createPartitions is { } partitions)
            {
                await CreateTopicsAsync(admin, missing, partitions);
                missing = await Task.Run(() => MissingTopics(admin), cancellationToken);
            }

            return missing.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Kafka topics missing: {string.Join(", ", missing)}");
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy($"Kafka at {bootstrap} did not return metadata: {ex.Error.Reason}", ex);
        }
    }

    private List<string> MissingTopics(IAdminClient admin)
    {
        var metadata = admin.GetMetadata(MetadataTimeout);
        var present = metadata.Topics
            .Where(topic => topic.Error.Code == ErrorCode.NoError)
            .Select(topic => topic.Topic)
            .ToHashSet(StringComparer.Ordinal);
        return topics.Where(topic => !present.Contains(topic)).ToList();
    }

    private static async Task CreateTopicsAsync(IAdminClient admin, IEnumerable<string> names, int partitions)
    {
        var specifications = names.Select(name => new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 });
        try
        {
            await admin.CreateTopicsAsync(specifications);
        }
        catch (CreateTopicsException ex) when (ex.Results.All(result => result.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another health check run created them first.
        }
    }
}
