using System.Text.Json;
using Confluent.Kafka;
using Outlook.Contracts;

namespace Outlook.Tests.Subscriptions;

/// <summary>Reads outlook.notifications from the beginning in its own consumer group and keeps every record seen.</summary>
public sealed class NotificationTopicReader : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly List<NotificationRecord> _records = [];

    public NotificationTopicReader(string bootstrapServers)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "subscriptions-test-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        _consumer.Subscribe(Topics.Notifications);
    }

    public IReadOnlyList<NotificationRecord> Records => _records;

    /// <summary>Consumes until <paramref name="done"/> holds for the records seen, or the token is cancelled.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> WaitForAsync(
        Func<IReadOnlyList<NotificationRecord>, bool> done, CancellationToken cancellationToken)
    {
        while (!done(_records))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await Task.Run(() => _consumer.Consume(TimeSpan.FromMilliseconds(200)), cancellationToken);
            if (result?.Message?.Value is { } value)
            {
                _records.Add(JsonSerializer.Deserialize(value, NotificationJsonContext.Default.NotificationRecord)!);
            }
        }

        return _records;
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
