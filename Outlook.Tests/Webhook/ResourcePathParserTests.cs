using Outlook.Webhook.Notifications;

namespace Outlook.Tests.Webhook;

public sealed class ResourcePathParserTests
{
    private const string UserId = "622eaaff-0683-4862-9de4-f2ec83c2bd98";

    [Theory]
    [InlineData("Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Messages/AAMkAGUwNjQ4ZjIxAAA=", UserId, "AAMkAGUwNjQ4ZjIxAAA=")]
    [InlineData("users/622eaaff-0683-4862-9de4-f2ec83c2bd98@84bd8158-6d4d-4958-8b9f-9d6445542f95/messages/AAMk=", UserId, "AAMk=")]
    [InlineData("Users('622eaaff-0683-4862-9de4-f2ec83c2bd98')/messages('AAMkAGUwNjQ4ZjIxLTQ3Y2Y8AAA=')", UserId, "AAMkAGUwNjQ4ZjIxLTQ3Y2Y8AAA=")]
    [InlineData("users('622eaaff-0683-4862-9de4-f2ec83c2bd98')/mailFolders('AAMkInbox=')/messages('AAMk=')", UserId, "AAMk=")]
    [InlineData("/users/622eaaff-0683-4862-9de4-f2ec83c2bd98/mailfolders/inbox/messages/AAMk=", UserId, "AAMk=")]
    [InlineData("users('user-aad-id-001')/messages('msg-graph-id-001')", "user-aad-id-001", "msg-graph-id-001")]
    [InlineData("users/jane@contoso.com/messages/AAMk=", "jane@contoso.com", "AAMk=")]
    public void ResourcePath_KnownSpelling_YieldsMailboxAndMessage(string resource, string mailboxId, string messageId)
    {
        var parsed = ResourcePathParser.TryParse(resource, out var path);

        Assert.True(parsed);
        Assert.Equal(mailboxId, path.MailboxId);
        Assert.Equal(messageId, path.MessageId);
    }

    [Fact]
    public void ResourcePath_Me_YieldsMessageWithoutMailbox()
    {
        var parsed = ResourcePathParser.TryParse("me/mailFolders('Inbox')/messages('AAMk=')", out var path);

        Assert.True(parsed);
        Assert.Null(path.MailboxId);
        Assert.Equal("AAMk=", path.MessageId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("users/622eaaff-0683-4862-9de4-f2ec83c2bd98/messages")]
    [InlineData("teams('d29828b8')/channels('19:f127@thread.skype')/messages('1565045424600')")]
    public void ResourcePath_NoMessage_IsNotParsed(string? resource)
    {
        Assert.False(ResourcePathParser.TryParse(resource, out _));
    }
}
