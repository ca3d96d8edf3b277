using System.Text.Json;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Outlook.Subscriptions.CatchUp;
using Outlook.Subscriptions.Subscriptions;

namespace Outlook.Tests.Subscriptions;

public sealed class PayloadRulesTests
{
    private const string DeltaItem = """
        {"@odata.etag":"W/\"CQAAABYAAAB\"","id":"AAMk1","subject":"Quarterly numbers","bodyPreview":"Hi all","body":{"content":"secret"},
         "uniqueBody":{"content":"secret"},"attachments":[{"name":"plan.xlsx"}],"receivedDateTime":"2026-12-04T10:00:00Z",
         "from":{"emailAddress":{"address":"a@enron.com"}},"toRecipients":[{"emailAddress":{"address":"b@enron.com"}}],"isRead":false}
        """;

    [Theory]
    [InlineData("subject")]
    [InlineData("body")]
    [InlineData("bodyPreview")]
    [InlineData("uniqueBody")]
    [InlineData("attachments")]
    public void Metadata_ContentField_IsRemoved(string field)
    {
        using var item = JsonDocument.Parse(DeltaItem);

        var filtered = MessageMetadata.Filter(item.RootElement);

        Assert.False(filtered.TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("@odata.etag")]
    [InlineData("id")]
    [InlineData("from")]
    [InlineData("toRecipients")]
    [InlineData("receivedDateTime")]
    [InlineData("isRead")]
    public void Metadata_MetadataField_IsKept(string field)
    {
        using var item = JsonDocument.Parse(DeltaItem);

        var filtered = MessageMetadata.Filter(item.RootElement);

        Assert.True(filtered.TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("SyncStateNotFound")]
    [InlineData("syncStateNotFound")]
    [InlineData("resyncRequired")]
    public void DeltaErrors_ExpiredCode_IsExpiredInAnyCase(string code) =>
        Assert.True(DeltaErrors.IsExpired(new ODataError { ResponseStatusCode = 400, Error = new MainError { Code = code } }));

    [Fact]
    public void DeltaErrors_Gone_IsExpired() =>
        Assert.True(DeltaErrors.IsExpired(new ApiException("gone") { ResponseStatusCode = 410 }));

    [Fact]
    public void DeltaErrors_Forbidden_IsNotExpired() =>
        Assert.False(DeltaErrors.IsExpired(new ODataError { ResponseStatusCode = 403, Error = new MainError { Code = "ErrorAccessDenied" } }));

    [Fact]
    public void ClientState_Random_FitsGraphLimitAndDiffers()
    {
        var first = ClientStates.Create();

        Assert.InRange(first.Length, 32, 128);
        Assert.NotEqual(first, ClientStates.Create());
    }
}
