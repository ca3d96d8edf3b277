using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Outlook.Contracts;
using Outlook.Contracts.Events;
using Outlook.Tests.Common;

namespace Outlook.Tests.Worker;

/// <summary>
/// Runs the real worker process against the mock Kafka cluster and redis-server: records in,
/// events and dead letters out, and a SIGKILL between publishing and committing.
/// </summary>
public sealed class WorkerPipelineTests(WorkerPipelineFixture fixture) : IClassFixture<WorkerPipelineFixture>
{
    private const string TenantId = "tenant-pipeline";
    private const string DomainId = "customer-domain-pipeline";

    private Dictionary<string, string> WorkerEnvironment(string groupId) => new()
    {
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__kafka"] = fixture.KafkaBootstrap,
        ["ConnectionStrings__redis"] = fixture.RedisConnection,
        ["Outlook__Tenants__0__TenantId"] = TenantId,
        ["Outlook__Tenants__0__ClientId"] = "client-pipeline",
        ["Outlook__Tenants__0__ClientSecret"] = "secret-pipeline",
        ["Outlook__Tenants__0__DomainId"] = DomainId,
        ["Outlook__Tenants__0__InternalDomains__0"] = "acme.com",
        ["Worker__GroupId"] = groupId,
        // Offsets are committed only on close or rebalance while the test runs, so a kill loses every commit.
        ["Kafka__Consumer__auto.commit.interval.ms"] = "600000",
        ["Kafka__Consumer__session.timeout.ms"] = "6000",
        ["Kafka__Consumer__heartbeat.interval.ms"] = "1000",
    };

    private static byte[] MessageRecord(string mailbox, int index) => JsonSerializer.SerializeToUtf8Bytes(
        new NotificationRecord
        {
            Kind = RecordKinds.Message,
            Origin = RecordOrigins.Webhook,
            TenantId = TenantId,
            MailboxId = mailbox,
            ChangeType = "created",
            ResourceId = $"{mailbox}-msg-{index}",
            ReceivedAt = DateTimeOffset.UtcNow,
            ChangeKey = ChangeKeys.ForMessage(TenantId, mailbox, $"{mailbox}-msg-{index}", "created", $"etag-{index}"),
            ResourceData = JsonDocument.Parse($$$"""
                {"id":"{{{mailbox}}}-msg-{{{index}}}","subject":"CANARY-SUBJECT-{{{index}}}","bodyPreview":"CANARY-PREVIEW-{{{index}}}",
                 "body":{"content":"CANARY-BODY-{{{index}}}"},"receivedDateTime":"2026-03-15T09:15:02Z","isRead":false,
                 "from":{"emailAddress":{"address":"partner@external.com"}},
                 "toRecipients":[{"emailAddress":{"address":"{{{mailbox}}}@acme.com"}}]}
                """).RootElement,
        },
        NotificationJsonContext.Default.NotificationRecord);

    private async Task<List<(string Key, string Value)>> ProduceBatchAsync(string runId, int count)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = fixture.KafkaBootstrap, EnableIdempotence = true }).Build();
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        var sent = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var mailbox = $"{runId}-user{i % 4}";
            var key = NotificationRecord.PartitionKey(TenantId, mailbox);
            var value = MessageRecord(mailbox, i);
            await producer.ProduceAsync(Topics.Notifications, new Message<string, byte[]>
            {
                Key = key,
                Value = value,
                Headers = [new Header(KafkaHeaderNames.ReceivedAt, Encoding.ASCII.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            }, timeout.Token);
            sent.Add((key, $"{mailbox}-msg-{i}"));
        }

        await producer.ProduceAsync(Topics.Notifications, new Message<string, byte[]> { Key = $"{TenantId}/{runId}-bad", Value = "{not json"u8.ToArray() }, timeout.Token);
        return sent;
    }

    private sealed class TopicReader : IDisposable
    {
        private readonly IConsumer<string, byte[]> _consumer;

        public TopicReader(string bootstrap, string topic)
        {
            _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "unused-" + Guid.NewGuid(), EnableAutoCommit = false }).Build();
            var partitions = Enumerable.Range(0, WorkerPipelineFixture.PartitionCount).Select(p => new TopicPartition(topic, p));
            _consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, _consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High)));
        }

        public List<ConsumeResult<string, byte[]>> Received { get; } = [];

        /// <summary>Reads until the predicate is true for everything received, or the timeout passes.</summary>
        public bool ReadUntil(Func<List<ConsumeResult<string, byte[]>>, bool> done, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!done(Received) && DateTime.UtcNow < deadline)
            {
                if (_consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
                {
                    Received.Add(result);
                }
            }

            return done(Received);
        }

        public void Dispose() => _consumer.Dispose();
    }

    private static NormalizedEvent Parse(ConsumeResult<string, byte[]> result) =>
        JsonSerializer.Deserialize(result.Message.Value, EventJsonContext.Default.NormalizedEvent)!;

    private static List<NormalizedEvent> EventsFor(IEnumerable<ConsumeResult<string, byte[]>> results, string runId) =>
        [.. results.Select(Parse).Where(normalized => normalized.PlatformEventId.StartsWith(runId, StringComparison.Ordinal))];

    [Fact]
    public async Task Worker_KilledBeforeCommit_RedeliversWithSameEventIds()
    {
        var runId = "kill" + Guid.NewGuid().ToString("N")[..8];
        var groupId = "outlook-worker-" + runId;
        using var events = new TopicReader(fixture.KafkaBootstrap, Topics.Events);
        using var deadLetters = new TopicReader(fixture.KafkaBootstrap, Topics.DeadLetter);
        await fixture.Redis.GetDatabase().HashSetAsync(RedisKeys.Identity(TenantId, $"{runId}-user0"), [new("address", $"{runId}-user0@acme.com"), new("tuid", "tuid-mapped-0")]);

        var sent = await ProduceBatchAsync(runId, count: 12);
        var expectedIds = sent.Select(item => item.Value).ToHashSet();

        var first = WorkerProcess.Start(WorkerEnvironment(groupId));
        await using (first)
        {
            var allSeen = events.ReadUntil(received => EventsFor(received, runId).Select(e => e.PlatformEventId).ToHashSet().SetEquals(expectedIds), TestTimeouts.Pipeline);
            Assert.True(allSeen, $"first run published {EventsFor(events.Received, runId).Count} of {expectedIds.Count} events.\n{first.Tail()}");
            await first.KillAsync();
        }

        var firstRun = EventsFor(events.Received, runId).ToDictionary(e => e.PlatformEventId, e => e.EventId);
        var second = WorkerProcess.Start(WorkerEnvironment(groupId));
        await using (second)
        {
            var redelivered = events.ReadUntil(received => EventsFor(received, runId).Count >= 2 * expectedIds.Count, TestTimeouts.Pipeline);
            Assert.True(redelivered, $"after the kill {EventsFor(events.Received, runId).Count - expectedIds.Count} events were republished.\n{second.Tail()}");
            deadLetters.ReadUntil(received => received.Any(r => r.Message.Key == $"{TenantId}/{runId}-bad"), TestTimeouts.Operation);
        }

        foreach (var normalized in EventsFor(events.Received, runId))
        {
            Assert.Equal($"{normalized.PlatformEventId}:{firstRun[normalized.PlatformEventId]}", $"{normalized.PlatformEventId}:{normalized.EventId}");
        }

        var all = EventsFor(events.Received, runId);
        Assert.Equal(expectedIds.Count, all.Select(e => e.EventId).Distinct().Count());
        Assert.Contains(all, e => e.Tuid == "tuid-mapped-0");
        Assert.All(all, e => Assert.Equal(DomainId, e.DomainId));
        Assert.All(events.Received, r => Assert.DoesNotContain("CANARY", Encoding.UTF8.GetString(r.Message.Value), StringComparison.Ordinal));
        Assert.All(events.Received, r => Assert.True(r.Message.Headers.TryGetLastBytes(KafkaHeaderNames.ReceivedAt, out _)));

        var deadLetter = Assert.Single(deadLetters.Received, r => r.Message.Key == $"{TenantId}/{runId}-bad");
        Assert.Equal("{not json", Encoding.UTF8.GetString(deadLetter.Message.Value));
        Assert.True(deadLetter.Message.Headers.TryGetLastBytes(KafkaHeaderNames.DeadLetterReason, out var reason));
        Assert.Contains("not a valid NotificationRecord", Encoding.UTF8.GetString(reason), StringComparison.Ordinal);
        Assert.True(deadLetter.Message.Headers.TryGetLastBytes(KafkaHeaderNames.DeadLetterSource, out var source));
        Assert.StartsWith(Topics.Notifications + "/", Encoding.UTF8.GetString(source), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_StoppedGracefully_CommitsAndDoesNotRepublish()
    {
        var runId = "stop" + Guid.NewGuid().ToString("N")[..8];
        var groupId = "outlook-worker-" + runId;
        using var events = new TopicReader(fixture.KafkaBootstrap, Topics.Events);
        var expectedIds = (await ProduceBatchAsync(runId, count: 8)).Select(item => item.Value).ToHashSet();

        var first = WorkerProcess.Start(WorkerEnvironment(groupId));
        await using (first)
        {
            var allSeen = events.ReadUntil(received => EventsFor(received, runId).Select(e => e.PlatformEventId).ToHashSet().SetEquals(expectedIds), TestTimeouts.Pipeline);
            Assert.True(allSeen, $"first run published {EventsFor(events.Received, runId).Count} of {expectedIds.Count} events.\n{first.Tail()}");
            using var stopTimeout = new CancellationTokenSource(TestTimeouts.Operation);
            await first.StopAsync(stopTimeout.Token);
        }

        // A record produced after the restart marks the point by which any redelivery would have shown.
        var sentinelRun = runId + "-after";
        var sentinelIds = (await ProduceBatchAsync(sentinelRun, count: 1)).Select(item => item.Value).ToHashSet();
        var second = WorkerProcess.Start(WorkerEnvironment(groupId));
        await using (second)
        {
            var sentinelSeen = events.ReadUntil(received => EventsFor(received, sentinelRun).Count > 0, TestTimeouts.Pipeline);
            Assert.True(sentinelSeen, $"the record produced after the restart was not published.\n{second.Tail()}");
        }

        Assert.Equal(expectedIds.Count, EventsFor(events.Received, runId).Count(e => !e.PlatformEventId.StartsWith(sentinelRun, StringComparison.Ordinal)));
    }
}
