using System.Text.Json;
using Outlook.Contracts;
using Outlook.Tests.Webhook.Support;
using Outlook.Webhook.Notifications;

namespace Outlook.Tests.Webhook;

public sealed class ResourceDataFilterTests
{
    private static readonly string[] ContentFields = ["subject", "body", "bodyPreview", "uniqueBody", "attachments", "webLink", "@odata.context"];

    [Theory]
    [InlineData("notification-message-rich-decrypted-resource.json")]
    [InlineData("message-get-full.response.json")]
    public void ResourceDataFilter_GraphMessage_DropsContentFields(string sample)
    {
        using var document = JsonDocument.Parse(GraphSamples.Read(sample));

        var filtered = ResourceDataFilter.Filter(document.RootElement)!.Value;

        foreach (var field in ContentFields)
        {
            Assert.False(filtered.TryGetProperty(field, out _), $"{field} was kept");
        }
    }

    [Fact]
    public void ResourceDataFilter_DecryptedSample_KeepsMetadataAndAnnotations()
    {
        using var document = JsonDocument.Parse(GraphSamples.Read("notification-message-rich-decrypted-resource.json"));

        var filtered = ResourceDataFilter.Filter(document.RootElement)!.Value;

        Assert.Equal("normal", filtered.GetProperty("importance").GetString());
        Assert.Equal("#microsoft.graph.importance", filtered.GetProperty("importance@odata.type").GetString());
        Assert.Equal("2021-12-30T10:53:35Z", filtered.GetProperty("receivedDateTime").GetString());
        Assert.Equal("Megan.Brown@microsoft.com", filtered.GetProperty("from").GetProperty("emailAddress").GetProperty("address").GetString());
    }

    [Fact]
    public void ResourceDataFilter_CaseVariantContentField_IsDropped()
    {
        using var document = JsonDocument.Parse("""{"Subject":"secret","BODYPREVIEW":"secret","Subject@odata.type":"#String","id":"m1"}""");

        var filtered = ResourceDataFilter.Filter(document.RootElement)!.Value;

        Assert.Equal("""{"id":"m1"}""", filtered.GetRawText());
    }

    [Fact]
    public void ResourceDataFilter_LaterSource_WinsOverEarlier()
    {
        using var plain = JsonDocument.Parse("""{"id":"m1","isRead":false}""");
        using var decrypted = JsonDocument.Parse("""{"isRead":true,"subject":"secret"}""");

        var filtered = ResourceDataFilter.Filter(plain.RootElement, decrypted.RootElement)!.Value;

        Assert.True(filtered.GetProperty("isRead").GetBoolean());
        Assert.Equal("m1", filtered.GetProperty("id").GetString());
    }

    [Fact]
    public void ResourceDataFilter_NothingAllowed_ReturnsNull()
    {
        using var document = JsonDocument.Parse("""{"subject":"secret"}""");

        Assert.Null(ResourceDataFilter.Filter(document.RootElement, null));
    }

    [Fact]
    public void ResourceDataFilter_SourceDisposed_RecordStillSerializes()
    {
        JsonElement filtered;
        using (var document = JsonDocument.Parse("""{"id":"m1","subject":"secret","isRead":true}"""))
        {
            filtered = ResourceDataFilter.Filter(document.RootElement)!.Value;
        }

        GC.Collect();
        var record = new NotificationRecord
        {
            Kind = RecordKinds.Message,
            Origin = RecordOrigins.Webhook,
            TenantId = "tenant-a",
            MailboxId = "mailbox-a",
            ReceivedAt = DateTimeOffset.UnixEpoch,
            ChangeKey = "m1|updated|etag",
            ResourceData = filtered,
        };
        var json = JsonSerializer.Serialize(record, NotificationJsonContext.Default.NotificationRecord);
        using var roundTrip = JsonDocument.Parse(json);
        var resourceData = roundTrip.RootElement.GetProperty("resourceData");

        Assert.Equal("m1", resourceData.GetProperty("id").GetString());
        Assert.True(resourceData.GetProperty("isRead").GetBoolean());
        Assert.False(resourceData.TryGetProperty("subject", out _));
    }
}
