using Outlook.Subscriptions.Recovery;

namespace Outlook.Tests.Subscriptions;

public sealed class SubscriptionResourcesTests
{
    [Theory]
    [InlineData("/users/AB12-cd/messages", "ab12-cd")]
    [InlineData("users/ab12-cd/messages", "ab12-cd")]
    [InlineData("/users/ab12-cd/messages?$select=id,from", "ab12-cd")]
    public void MailboxOf_MessagesResource_ReturnsUserId(string resource, string expected)
    {
        Assert.Equal(expected, SubscriptionResources.MailboxOf(resource));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/users/ab12-cd/events")]
    [InlineData("/users//messages")]
    [InlineData("/me/messages")]
    [InlineData("/users/ab12-cd/mailFolders/inbox/messages")]
    public void MailboxOf_OtherResource_ReturnsNull(string? resource)
    {
        Assert.Null(SubscriptionResources.MailboxOf(resource));
    }
}
