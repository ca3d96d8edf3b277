using System.Text.Json;
using System.Text.Json.Nodes;
using Outlook.Contracts.Events;
using Outlook.Worker.Normalization;

namespace Outlook.Tests.Worker;

public sealed class GraphSampleNormalizationTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var prefix in new[] { "notification-message", "message-", "messagerule" })
        {
            foreach (var file in WorkerTestData.GraphSamples(prefix))
            {
                data.Add(file);
            }
        }

        return data;
    }

    private static List<string> NormalizeAll(string file) =>
    [
        .. GraphSampleRecords.For(file).Select(record =>
        {
            var input = new NormalizationInput(record, WorkerTestData.GoldenTenant(), WorkerTestData.GoldenOwner());
            var normalized = EventNormalizer.Normalize(input).Event!;
            return JsonSerializer.Serialize(normalized, EventJsonContext.Default.NormalizedEvent);
        }),
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Normalizer_GraphSample_ProducesEvents(string file)
    {
        Assert.NotEmpty(NormalizeAll(file));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Normalizer_GraphSample_OutputHasNoSubjectOrBody(string file)
    {
        var forbidden = GraphSampleRecords.ForbiddenValues(file);

        foreach (var json in NormalizeAll(file))
        {
            foreach (var value in forbidden)
            {
                Assert.DoesNotContain(value, json, StringComparison.Ordinal);
            }

            foreach (var path in JsonLeaves.Flatten(JsonNode.Parse(json)).Keys)
            {
                Assert.DoesNotMatch("(?i)subject|body|preview|attachment_name", path);
            }
        }
    }

    [Fact]
    public void Normalizer_RichDecryptedSample_KeepsSenderAndImportance()
    {
        var record = GraphSampleRecords.For("notification-message-rich-decrypted-resource.json").Single();
        var normalized = EventNormalizer.Normalize(new NormalizationInput(record, WorkerTestData.GoldenTenant(), WorkerTestData.GoldenOwner())).Event!;

        Assert.Equal("microsoft.com", normalized.Payload.FromDomain);
        Assert.Equal("normal", normalized.Payload.Importance);
        Assert.Equal(EventActions.EmailReceived, normalized.Payload.Action);
        Assert.Equal("2021-12-30T10:53:35.000Z", normalized.Timestamp);
    }
}
