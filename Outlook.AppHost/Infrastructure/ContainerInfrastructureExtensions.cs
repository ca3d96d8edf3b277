using Microsoft.Extensions.DependencyInjection;
using Outlook.Contracts;

namespace Outlook.AppHost.Infrastructure;

/// <summary>Kafka and Redis as containers, for machines with a container engine.</summary>
// NOTE: the build machines have no container engine, so this mode is compiled and selected in
// tests but has never started a container here; run it once under Docker before relying on it.
internal static class ContainerInfrastructureExtensions
{
    private const string KafkaImage = "apache/kafka";
    private const string KafkaImageTag = "4.1.0";
    private const int KafkaInternalPort = 9092;
    private const int KafkaControllerPort = 9093;
    private const int KafkaHostListenerPort = 9094;

    /// <summary>
    /// Adds a single-node Apache Kafka in KRaft mode. Services on the host reach it through the
    /// HOST listener, advertised at the address the orchestrator maps to the host.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaContainer(
        this IDistributedApplicationBuilder builder, string name, int partitionCount)
    {
        var kafka = new KafkaContainerResource(name);
        var healthCheckKey = $"{name}-metadata";
        builder.Services.AddHealthChecks().Add(new(
            healthCheckKey,
            _ => new KafkaHealthCheck(kafka, Topics.All.ToList(), createPartitions: partitionCount),
            failureStatus: null,
            tags: null));

        var host = kafka.HostEndpoint;
        var controllerVoters = $"1@localhost:{KafkaControllerPort}";
        var listeners = $"PLAINTEXT://:{KafkaInternalPort},CONTROLLER://:{KafkaControllerPort},HOST://:{KafkaHostListenerPort}";
        var internalListener = $"PLAINTEXT://{name}:{KafkaInternalPort}";
        return builder.AddResource(kafka)
            .WithImage(KafkaImage, KafkaImageTag)
            .WithEndpoint(name: KafkaContainerResource.HostEndpointName, targetPort: KafkaHostListenerPort, scheme: "tcp")
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", controllerVoters)
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_LISTENERS", listeners)
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,HOST:PLAINTEXT")
            .WithEnvironment("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT")
            .WithEnvironment(context =>
                context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = ReferenceExpression.Create(
                    $"{internalListener},HOST://{host.Property(EndpointProperty.HostAndPort)}"))
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            // The health check creates the topics with the configured partition count.
            .WithEnvironment("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .WithHealthCheck(healthCheckKey);
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddRedisContainer(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddRedis(name);
}
