using Microsoft.Extensions.DependencyInjection;
using Outlook.Contracts;

namespace Outlook.AppHost.Infrastructure;

/// <summary>Kafka and Redis without a container engine.</summary>
internal static class LocalInfrastructureExtensions
{
    /// <summary>Adds librdkafka's mock cluster, hosted in this process, with every Outlook topic created.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaMock(
        this IDistributedApplicationBuilder builder, string name, int partitionCount)
    {
        var cluster = new KafkaMockCluster(brokerCount: 1);
        foreach (var topic in Topics.All)
        {
            cluster.CreateTopic(topic, partitionCount);
        }

        // The cluster lives as long as the AppHost; disposing it with the container ends it
        // after every service has stopped.
        builder.Services.AddSingleton(cluster);

        var resource = new KafkaMockResource(name, cluster);
        var healthCheckKey = $"{name}-metadata";
        builder.Services.AddHealthChecks().Add(new(
            healthCheckKey,
            _ => new KafkaHealthCheck(resource, Topics.All.ToList()),
            failureStatus: null,
            tags: null));

        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Kafka (librdkafka mock)",
                State = KnownResourceStates.Running,
                Properties =
                [
                    new("bootstrap.servers", cluster.BootstrapServers),
                    new("partitions", partitionCount),
                    new("retention", "about 5 MB per partition; development and tests only"),
                ],
            })
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }

    /// <summary>
    /// Adds redis-server from PATH on a port the orchestrator allocates, bound to loopback, with
    /// persistence off and its working directory under the temp folder.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, string name)
    {
        EnsureOnPath("redis-server");

        var workingDirectory = Directory.CreateTempSubdirectory("outlook-redis-").FullName;
        var resource = new RedisServerResource(name, workingDirectory);
        var healthCheckKey = $"{name}-ping";
        builder.Services.AddHealthChecks().Add(new(
            healthCheckKey,
            _ => new RedisPingHealthCheck(resource),
            failureStatus: null,
            tags: null));

        return builder.AddResource(resource)
            .WithEndpoint(name: RedisServerResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--save");
                context.Args.Add("");
                context.Args.Add("--appendonly");
                context.Args.Add("no");
                context.Args.Add("--dir");
                context.Args.Add(workingDirectory);
            })
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }

    private static void EnsureOnPath(string executable)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (directories.Any(directory => File.Exists(Path.Combine(directory, executable))))
        {
            return;
        }

        throw new DistributedApplicationException(
            $"'{executable}' was not found on PATH, and local mode runs Redis from it. " +
            "Install it (Debian or Ubuntu: 'sudo apt-get install redis-server'; macOS: 'brew install redis'), " +
            "or run with Infrastructure:Mode=containers where a container engine is available.");
    }
}
