using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Outlook.Contracts;
using Outlook.Worker.Normalization;
using Outlook.Worker.Processing;
using MessageMetadata = Outlook.Worker.Normalization.MessageMetadata;

namespace Outlook.Tests.Worker;

public sealed class ChangeOrderTests
{
    private static readonly TopicPartition Partition = new(Topics.Notifications, new Partition(0));

    [Fact]
    public void Sort_LateNotification_MovesBeforeLaterChanges()
    {
        var records = new[]
        {
            Message(offset: 10, "2026-03-15T10:00:02Z"),
            Message(offset: 11, "2026-03-15T10:00:03Z"),
            Message(offset: 12, "2026-03-15T10:00:01Z"),
        };

        var sorted = ChangeOrder.Sort(records);

        Assert.Equal([12L, 10L, 11L], Offsets(sorted));
    }

    [Fact]
    public void Sort_EqualChangeTimes_KeepOffsetOrder()
    {
        var records = new[]
        {
            Message(offset: 10, "2026-03-15T10:00:05Z"),
            Message(offset: 11, "2026-03-15T10:00:05Z"),
            Message(offset: 12, "2026-03-15T10:00:05Z"),
        };

        var sorted = ChangeOrder.Sort(records);

        Assert.Equal([10L, 11L, 12L], Offsets(sorted));
    }

    [Fact]
    public void Sort_RecordsWithoutChangeTime_KeepTheirPositions()
    {
        var records = new[]
        {
            Message(offset: 10, "2026-03-15T10:00:09Z"),
            Deletion(offset: 11),
            PreparedRecord.Failed(Source(12), "invalid_record", "not JSON"),
            Message(offset: 13, "2026-03-15T10:00:01Z"),
        };

        var sorted = ChangeOrder.Sort(records);

        Assert.Equal([13L, 11L, 12L, 10L], Offsets(sorted));
    }

    [Fact]
    public void Sort_FetchedMetadata_WinsOverResourceData()
    {
        var fetched = Message(offset: 10, "2026-03-15T10:00:09Z");
        fetched = fetched with
        {
            Input = fetched.Input! with
            {
                FetchedMetadata = new MessageMetadata { LastModifiedDateTime = Time("2026-03-15T10:00:00Z") },
            },
        };
        var records = new[] { Message(offset: 9, "2026-03-15T10:00:05Z"), fetched };

        var sorted = ChangeOrder.Sort(records);

        Assert.Equal([10L, 9L], Offsets(sorted));
    }

    private static PreparedRecord Message(long offset, string lastModified)
    {
        using var document = JsonDocument.Parse($$"""{"id":"m{{offset}}","lastModifiedDateTime":"{{lastModified}}"}""");
        var record = WorkerTestData.FromResource(RecordKinds.Message, "created", document.RootElement.Clone(), $"m{offset}");
        return Prepared(offset, record);
    }

    private static PreparedRecord Deletion(long offset) =>
        Prepared(offset, WorkerTestData.FromResource(RecordKinds.Message, "deleted", null, $"m{offset}"));

    private static PreparedRecord Prepared(long offset, NotificationRecord record) =>
        new(Source(offset)) { Input = new NormalizationInput(record, WorkerTestData.GoldenTenant(), WorkerTestData.GoldenOwner()) };

    private static ConsumeResult<string, byte[]> Source(long offset) => new()
    {
        TopicPartitionOffset = new TopicPartitionOffset(Partition, new Offset(offset)),
        Message = new Message<string, byte[]> { Key = "mailbox", Value = [] },
    };

    private static long[] Offsets(PreparedRecord[] records) => [.. records.Select(r => r.Source.Offset.Value)];

    private static DateTimeOffset Time(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
}
