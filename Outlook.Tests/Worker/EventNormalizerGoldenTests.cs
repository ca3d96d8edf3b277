using System.Text.Json;
using System.Text.Json.Nodes;
using Outlook.Contracts.Events;
using Outlook.Worker.Normalization;

namespace Outlook.Tests.Worker;

public sealed class EventNormalizerGoldenTests
{
    private static NormalizedEvent NormalizeGolden()
    {
        using var source = WorkerTestData.Load("total-schema/source-notification.json");
        var item = source.RootElement.GetProperty("value")[0];
        var record = WorkerTestData.FromNotificationItem(item, WorkerTestData.GoldenUserId);
        var input = new NormalizationInput(record, WorkerTestData.GoldenTenant(), WorkerTestData.GoldenOwner());
        return EventNormalizer.Normalize(input).Event!;
    }

    [Fact]
    public void Normalizer_GoldenNotification_MatchesGoldenEventFieldForField()
    {
        var produced = JsonLeaves.Flatten(JsonNode.Parse(JsonSerializer.Serialize(NormalizeGolden(), EventJsonContext.Default.NormalizedEvent)));
        var expected = JsonLeaves.Flatten(JsonNode.Parse(File.ReadAllText(WorkerTestData.PathOf("total-schema/normalized-event.json"))));

        produced.Remove("$.event_id");
        expected.Remove("$.event_id");
        foreach (var (path, value) in expected)
        {
            Assert.True(produced.TryGetValue(path, out var actual), $"missing {path}");
            Assert.Equal($"{path}={value}", $"{path}={actual}");
        }

        Assert.Empty(produced.Keys.Except(expected.Keys));
    }

    [Fact]
    public void Normalizer_GoldenNotification_EventIdIsUuidDistinctFromSubscriptionId()
    {
        var normalized = NormalizeGolden();

        Assert.True(Guid.TryParse(normalized.EventId, out _), normalized.EventId);
        Assert.NotEqual("d4e5f6a7-b8c9-0123-defg-456789012345", normalized.EventId);
    }

    [Fact]
    public void Normalizer_SameChangeTwice_KeepsEventId()
    {
        Assert.Equal(NormalizeGolden().EventId, NormalizeGolden().EventId);
    }

    [Fact]
    public void EventIds_DifferentChangeKeys_Differ()
    {
        Assert.NotEqual(EventIds.FromChangeKey("a"), EventIds.FromChangeKey("b"));
    }

    [Fact]
    public void EventIds_Uuid_IsVersion8Rfc9562Variant()
    {
        var id = EventIds.FromChangeKey("change");

        Assert.Equal('8', id[14]);
        Assert.Contains(id[19], "89ab");
    }
}
