using System.Diagnostics.Metrics;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.Tests.Common;
using Outlook.Tests.Webhook.Support;
using Outlook.Worker.Personas.Engine;
using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.Hosting;
using Outlook.Worker.Personas.Options;

namespace Outlook.Tests.Personas;

/// <summary>The processor against a real Redis and librdkafka's mock cluster, with the persona cache on.</summary>
public sealed class PersonaProcessorRedeliveryTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PersonaProcessor_RedeliveredEvent_IsAppliedOnce()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var cluster = new MockKafkaCluster();
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var store = new PersonaStore(redis.Connection);
        using var reader = new PersonaStore(redis.Connection, cacheSize: 0);
        var resolver = new PersonaSettingsResolver(Options.Create(new PersonaOptions()), new ConfigurationBuilder().Build());
        var processor = new PersonaProcessor(
            PersonaEngine.CreateDefault(),
            store,
            resolver,
            producer,
            new PersonaTelemetry(services.GetRequiredService<IMeterFactory>()),
            NullLogger<PersonaProcessor>.Instance);
        var tuid = "tuid-redelivery-" + Guid.NewGuid().ToString("N");
        var evt = PersonaEvents.Sent(DateTimeOffset.UtcNow, ["partner.example"]) with { Tuid = tuid };
        var record = new ConsumeResult<string, byte[]>
        {
            Topic = Topics.Events,
            Partition = new Partition(0),
            Offset = new Offset(7),
            Message = new Message<string, byte[]>
            {
                Key = tuid,
                Value = JsonSerializer.SerializeToUtf8Bytes(evt, PersonaEventJsonContext.Default.PersonaEvent),
                Headers = [],
            },
        };

        var first = await processor.ProcessAsync(record, timeout.Token);
        var second = await processor.ProcessAsync(record, timeout.Token);
        var stored = await reader.LoadAsync(tuid, timeout.Token);

        Assert.Equal(PersonaOutcome.Applied, first);
        Assert.Equal(PersonaOutcome.AlreadyApplied, second);
        Assert.Equal(1, stored.State.EventCount);
    }
}
