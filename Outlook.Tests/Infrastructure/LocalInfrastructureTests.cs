using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Kafka;
using Outlook.Tests.Common;
using StackExchange.Redis;

namespace Outlook.Tests.Infrastructure;

public sealed class LocalInfrastructureTests(OutlookAppFixture fixture) : IClassFixture<OutlookAppFixture>
{
    [Theory]
    [InlineData("kafka")]
    [InlineData("redis")]
    [InlineData("graph-emulator")]
    [InlineData("webhook")]
    [InlineData("worker")]
    [InlineData("subscriptions")]
    public void AppHost_LocalMode_ResourceIsHealthy(string resourceName)
    {
        Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState(resourceName, out var resourceEvent));
        Assert.Equal(HealthStatus.Healthy, resourceEvent.Snapshot.HealthStatus);
    }

    [Fact]
    public async Task Kafka_RegisteredProducer_RecordReachesRegisteredConsumer()
    {
        using var host = await CreateClientHostAsync();
        var producer = host.Services.GetRequiredService<IProducer<string, byte[]>>();
        var factory = host.Services.GetRequiredService<KafkaClientFactory>();
        var key = $"infrastructure-test/{Guid.NewGuid():N}";
        var value = Encoding.UTF8.GetBytes("{\"probe\":true}");

        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        var delivery = await producer.ProduceAsync(Topics.Notifications, new Message<string, byte[]> { Key = key, Value = value }, timeout.Token);

        Assert.Equal(PersistenceStatus.Persisted, delivery.Status);

        using var consumer = factory.CreateConsumerBuilder<string, byte[]>(factory.CreateConsumerConfig($"infrastructure-test-{Guid.NewGuid():N}")).Build();
        consumer.Assign(new TopicPartitionOffset(delivery.TopicPartition, delivery.Offset));
        var received = consumer.Consume(timeout.Token);

        Assert.Equal(key, received.Message.Key);
        Assert.Equal(value, received.Message.Value);
    }

    [Fact]
    public async Task Kafka_Topics_HaveConfiguredPartitions()
    {
        using var host = await CreateClientHostAsync();
        using var admin = host.Services.GetRequiredService<KafkaClientFactory>().CreateAdminClient();

        var metadata = admin.GetMetadata(TestTimeouts.Operation);

        foreach (var topic in Topics.All)
        {
            var topicMetadata = Assert.Single(metadata.Topics, candidate => candidate.Topic == topic);
            Assert.Equal(12, topicMetadata.Partitions.Count);
        }
    }

    [Fact]
    public async Task Redis_RegisteredClient_AnswersReadAndWrite()
    {
        using var host = await CreateClientHostAsync();
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var key = $"{RedisKeys.Prefix}infrastructure-test:{Guid.NewGuid():N}";

        var database = redis.GetDatabase();
        await database.StringSetAsync(key, "ok", TimeSpan.FromMinutes(1));

        Assert.Equal("ok", (string?)await database.StringGetAsync(key));
    }

    [Fact]
    public async Task Kafka_HealthCheck_ReportsHealthy()
    {
        using var host = await CreateClientHostAsync();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        var report = await health.CheckHealthAsync(registration => registration.Name == "kafka", timeout.Token);

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    /// <summary>Builds a host wired like a service (ServiceDefaults' Kafka and Redis registration) against the running app.</summary>
    private async Task<IHost> CreateClientHostAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = await fixture.GetConnectionStringAsync("kafka"),
            ["ConnectionStrings:redis"] = await fixture.GetConnectionStringAsync("redis"),
        });
        builder.AddKafkaClients();
        builder.AddRedisClient("redis");
        return builder.Build();
    }
}
