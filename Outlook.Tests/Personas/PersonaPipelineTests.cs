using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outlook.Contracts;
using Outlook.Contracts.Alerts;
using Outlook.ServiceDefaults.Kafka;
using Outlook.Tests.Common;
using StackExchange.Redis;

namespace Outlook.Tests.Personas;

/// <summary>The persona consumer inside the running worker, fed through the AppHost's Kafka and Redis.</summary>
public sealed class PersonaPipelineTests(OutlookAppFixture fixture) : IClassFixture<OutlookAppFixture>
{
    [Fact]
    public async Task PersonaConsumer_ExternalForwardRule_ProducesAlertAndStoresPersona()
    {
        using var host = await CreateClientHostAsync();
        var tuid = "tuid-pipeline-" + Guid.NewGuid().ToString("N");
        var ruleEvent = $$$"""
            {"event_id":"{{{Guid.NewGuid()}}}","event_type":"EMAIL","source":"OUTLOOK","signal_type":"COMMUNICATIONS",
             "domain_id":"emulated-domain","tuid":"{{{tuid}}}","timestamp":"2026-03-15T09:15:02.000Z",
             "payload":{"event_id":"rule-1","user":"pipeline@enron.com","action":"inbox_rule_created"},
             "raw_metadata":{"rule_forward_to_domains":["drop.example"],"rule_forwards_externally":true,"rule_is_enabled":true}}
            """;

        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        await Produce(host, Topics.Events, tuid, Encoding.UTF8.GetBytes(ruleEvent), timeout.Token);
        var record = await ConsumeUntil(host, Topics.Alerts, tuid, timeout.Token);
        var alert = JsonSerializer.Deserialize(record.Message.Value, AlertJsonContext.Default.Alert)!;

        Assert.Equal(AlertDetectors.RuleManipulation, alert.DetectorId);
        Assert.Equal("rule-1", alert.IncidentKey);
        Assert.Equal(["drop.example"], alert.Evidence.Domains);
        Assert.True(await PersonaStoredAsync(host, tuid, timeout.Token));
    }

    /// <summary>Waits for the persona key: alerts are produced before the persona is saved, so the key may lag the alert.</summary>
    private static async Task<bool> PersonaStoredAsync(IHost host, string tuid, CancellationToken cancellationToken)
    {
        var database = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        while (!await database.KeyExistsAsync(RedisKeys.Persona(tuid)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return true;
    }

    [Fact]
    public async Task PersonaConsumer_EventWithoutTimestamp_IsDeadLettered()
    {
        using var host = await CreateClientHostAsync();
        var tuid = "tuid-pipeline-" + Guid.NewGuid().ToString("N");
        var invalid = $$$"""{"tuid":"{{{tuid}}}","payload":{"action":"email_sent"}}""";

        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        await Produce(host, Topics.Events, tuid, Encoding.UTF8.GetBytes(invalid), timeout.Token);
        var record = await ConsumeUntil(host, Topics.DeadLetter, tuid, timeout.Token, fromPersonas: true);

        var reason = Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(KafkaHeaderNames.DeadLetterReason));
        Assert.Contains("timestamp is missing", reason, StringComparison.Ordinal);
    }

    private static async Task Produce(IHost host, string topic, string key, byte[] value, CancellationToken cancellationToken)
    {
        var producer = host.Services.GetRequiredService<IProducer<string, byte[]>>();
        var delivery = await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value }, cancellationToken);
        Assert.Equal(PersistenceStatus.Persisted, delivery.Status);
    }

    /// <summary>Reads every partition of the topic from the beginning until a record with the key arrives.</summary>
    private static async Task<ConsumeResult<string, byte[]>> ConsumeUntil(IHost host, string topic, string key, CancellationToken cancellationToken, bool fromPersonas = false)
    {
        var factory = host.Services.GetRequiredService<KafkaClientFactory>();
        using var admin = factory.CreateAdminClient();
        var partitions = admin.GetMetadata(topic, TestTimeouts.Operation).Topics.Single().Partitions
            .Select(partition => new TopicPartitionOffset(topic, partition.PartitionId, Offset.Beginning));
        using var consumer = factory.CreateConsumerBuilder<string, byte[]>(factory.CreateConsumerConfig($"persona-test-{Guid.NewGuid():N}")).Build();
        consumer.Assign(partitions);

        return await Task.Run(() =>
        {
            while (true)
            {
                var record = consumer.Consume(cancellationToken);
                if (record.Message?.Key == key && (!fromPersonas || IsFromPersonas(record)))
                {
                    return record;
                }
            }
        }, cancellationToken);
    }

    private static bool IsFromPersonas(ConsumeResult<string, byte[]> record) =>
        record.Message.Headers.TryGetLastBytes(KafkaHeaderNames.DeadLetterReason, out var reason)
        && Encoding.UTF8.GetString(reason).StartsWith("personas:", StringComparison.Ordinal);

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
