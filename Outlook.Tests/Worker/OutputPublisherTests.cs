using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Outlook.Contracts;
using Outlook.Tests.Common;
using Outlook.Worker.Processing;
using Outlook.Worker.Telemetry;

namespace Outlook.Tests.Worker;

public sealed class OutputPublisherTests(WorkerPipelineFixture fixture) : IClassFixture<WorkerPipelineFixture>, IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    // A record as large as the broker takes cannot be copied with dead-letter headers added,
    // because the producer's message.max.bytes (1,000,000 by default) is smaller.
    [Fact]
    public async Task Publisher_RecordTooLargeToCopy_IsDeadLetteredWithoutValue()
    {
        var key = $"tenant-publisher/huge-{Guid.NewGuid():N}";
        var source = new ConsumeResult<string, byte[]>
        {
            Topic = Topics.Notifications,
            Partition = 1,
            Offset = 7,
            Message = new Message<string, byte[]> { Key = key, Value = Encoding.ASCII.GetBytes(new string('x', 1_000_000)) },
        };
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = fixture.KafkaBootstrap, EnableIdempotence = true, Acks = Acks.All }).Build();
        var publisher = new OutputPublisher(producer, new WorkerMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), TimeProvider.System, NullLogger<OutputPublisher>.Instance);
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);

        await publisher.PublishDeadLetterAsync(source, "invalid_record", "The record is not a valid NotificationRecord JSON.", timeout.Token);

        var letter = ReadDeadLetter(key, timeout.Token);
        Assert.Empty(letter.Message.Value ?? []);
        Assert.True(letter.Message.Headers.TryGetLastBytes(KafkaHeaderNames.DeadLetterReason, out var reason));
        Assert.Contains("too large", Encoding.UTF8.GetString(reason), StringComparison.Ordinal);
    }

    private ConsumeResult<string, byte[]> ReadDeadLetter(string key, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = fixture.KafkaBootstrap, GroupId = "unused-" + Guid.NewGuid(), EnableAutoCommit = false }).Build();
        consumer.Assign(Enumerable.Range(0, WorkerPipelineFixture.PartitionCount).Select(p => new TopicPartitionOffset(Topics.DeadLetter, p, Offset.Beginning)));
        while (true)
        {
            if (consumer.Consume(cancellationToken) is { IsPartitionEOF: false } result && result.Message.Key == key)
            {
                return result;
            }
        }
    }

    public void Dispose() => _services.Dispose();
}
