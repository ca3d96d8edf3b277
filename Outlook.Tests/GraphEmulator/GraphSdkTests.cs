using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Identity.Client;

namespace Outlook.Tests.GraphEmulator;

/// <summary>The real Microsoft.Graph SDK and Azure.Identity against the emulator.</summary>
public sealed class GraphSdkTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private EmulatorInstance Emulator => fixture.Emulator;

    private NotificationReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task Users_ListWithPaging_ReturnsEveryMailbox()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var users = new List<User>();

        var page = await Emulator.Graph.Users.GetAsync(
            request =>
            {
                request.QueryParameters.Select = ["id", "mail", "userPrincipalName", "accountEnabled"];
                request.QueryParameters.Top = 30;
            },
            timeout.Token);
        var iterator = PageIterator<User, UserCollectionResponse>.CreatePageIterator(Emulator.Graph, page!, user =>
        {
            users.Add(user);
            return true;
        });
        await iterator.IterateAsync(timeout.Token);

        Assert.Equal(100, users.Count);
        Assert.Equal(100, users.Select(u => u.Id).Distinct().Count());
        Assert.All(users, user => Assert.Equal(user.Mail, user.UserPrincipalName));
        Assert.All(users, user => Assert.Null(user.DisplayName));
        Assert.All(users, user => Assert.True(user.AccountEnabled));
    }

    [Fact]
    public async Task Token_WrongSecret_FailsWithInvalidClient()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        using var client = Emulator.CreateGraphClient("not-the-secret");

        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.Users.GetAsync(cancellationToken: timeout.Token));

        var inner = Assert.IsType<MsalServiceException>(exception.InnerException);
        Assert.Equal("invalid_client", inner.ErrorCode);
        Assert.Contains("AADSTS7000215", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscription_CreateRenewDelete_Succeeds()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 1);
        var validationsBefore = Receiver.ValidationTokens.Count;

        var created = await Emulator.Graph.Subscriptions.PostAsync(
            new Subscription
            {
                ChangeType = "created,updated,deleted",
                NotificationUrl = Receiver.NotificationUrl,
                LifecycleNotificationUrl = Receiver.LifecycleUrl,
                Resource = $"users/{userId}/messages",
                ExpirationDateTime = DateTimeOffset.UtcNow.AddHours(48),
                ClientState = "client-state-value",
            },
            cancellationToken: timeout.Token);
        var renewedExpiry = DateTimeOffset.UtcNow.AddHours(72);
        var renewed = await Emulator.Graph.Subscriptions[created!.Id].PatchAsync(
            new Subscription { ExpirationDateTime = renewedExpiry }, cancellationToken: timeout.Token);
        await Emulator.Graph.Subscriptions[created.Id].DeleteAsync(cancellationToken: timeout.Token);
        var afterDelete = await Assert.ThrowsAsync<ODataError>(() =>
            Emulator.Graph.Subscriptions[created.Id].GetAsync(cancellationToken: timeout.Token));

        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.Equal(validationsBefore + 2, Receiver.ValidationTokens.Count);
        Assert.Contains(" ", Receiver.ValidationTokens.Last(), StringComparison.Ordinal);
        Assert.Equal(EmulatorInstance.ClientId, created.ApplicationId);
        Assert.Equal(renewedExpiry.UtcDateTime, renewed!.ExpirationDateTime!.Value.UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(404, afterDelete.ResponseStatusCode);
    }

    [Fact]
    public async Task Subscription_UnreachableEndpoint_IsRejected()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 2);

        var error = await Assert.ThrowsAsync<ODataError>(() => Emulator.Graph.Subscriptions.PostAsync(
            new Subscription
            {
                ChangeType = "created",
                NotificationUrl = Receiver.BaseUrl + "/no-such-endpoint",
                Resource = $"users/{userId}/messages",
                ExpirationDateTime = DateTimeOffset.UtcNow.AddHours(1),
            },
            cancellationToken: timeout.Token));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("ValidationError", error.Error?.Code);
    }

    [Fact]
    public async Task Subscription_LifetimeTooLong_IsRejected()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 2);

        var error = await Assert.ThrowsAsync<ODataError>(() => Emulator.Graph.Subscriptions.PostAsync(
            new Subscription
            {
                ChangeType = "created",
                NotificationUrl = Receiver.NotificationUrl,
                Resource = $"users/{userId}/messages",
                ExpirationDateTime = DateTimeOffset.UtcNow.AddMinutes(10_081),
            },
            cancellationToken: timeout.Token));

        Assert.Equal(400, error.ResponseStatusCode);
    }

    [Fact]
    public async Task Message_GetWithSelect_ReturnsOnlySelectedProperties()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 3);
        var delivered = await Emulator.DeliverAsync(userId, new { from = "alice@partner.example", to = new[] { "bob@enron.com" }, cc = new[] { "carol@enron.com" } }, timeout.Token);

        var message = await Emulator.Graph.Users[userId].Messages[delivered["id"]!.GetValue<string>()].GetAsync(
            request => request.QueryParameters.Select = ["from", "toRecipients", "ccRecipients", "receivedDateTime"],
            timeout.Token);

        Assert.Equal("alice@partner.example", message!.From!.EmailAddress!.Address);
        Assert.Equal("bob@enron.com", message.ToRecipients![0].EmailAddress!.Address);
        Assert.Equal("carol@enron.com", message.CcRecipients![0].EmailAddress!.Address);
        Assert.NotNull(message.ReceivedDateTime);
        Assert.Null(message.Subject);
        Assert.Null(message.Body);
        Assert.Null(message.BodyPreview);
    }

    [Fact]
    public async Task Message_UnknownId_Returns404ErrorItemNotFound()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 3);

        var error = await Assert.ThrowsAsync<ODataError>(() =>
            Emulator.Graph.Users[userId].Messages["AAMkAGnope"].GetAsync(cancellationToken: timeout.Token));

        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("ErrorItemNotFound", error.Error?.Code);
    }

    [Fact]
    public async Task Delta_WalkToDeltaLink_ReturnsEveryMessageThenRemoval()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 4);
        var delivered = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var message = await Emulator.DeliverAsync(userId, new { from = $"sender{i}@partner.example" }, timeout.Token);
            delivered.Add(message["id"]!.GetValue<string>());
        }

        var delta = Emulator.Graph.Users[userId].MailFolders["inbox"].Messages.Delta;
        var seen = new List<string>();
        var pages = 0;
        var response = await delta.GetAsDeltaGetResponseAsync(request => request.QueryParameters.Select = ["from", "isRead"], timeout.Token);
        while (response!.OdataNextLink is { } next)
        {
            pages++;
            seen.AddRange(response.Value!.Select(m => m.Id!));
            response = await delta.WithUrl(next).GetAsDeltaGetResponseAsync(cancellationToken: timeout.Token);
        }

        seen.AddRange(response.Value!.Select(m => m.Id!));
        var deltaLink = response.OdataDeltaLink;
        (await Emulator.Admin.DeleteAsync($"mailboxes/{userId}/messages/{delivered[0]}", timeout.Token)).EnsureSuccessStatusCode();
        var changes = await delta.WithUrl(deltaLink!).GetAsDeltaGetResponseAsync(cancellationToken: timeout.Token);

        Assert.True(pages >= 2, $"expected at least two nextLink pages, got {pages}");
        Assert.Equal(delivered.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.NotNull(deltaLink);
        var removed = Assert.Single(changes!.Value!);
        Assert.Equal(delivered[0], removed.Id);
        Assert.True(removed.AdditionalData.ContainsKey("@removed"));
    }

    [Fact]
    public async Task Delta_ExpiredLink_Returns410SyncStateNotFound()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 5);
        var delta = Emulator.Graph.Users[userId].MailFolders["inbox"].Messages.Delta;
        var first = await delta.GetAsDeltaGetResponseAsync(cancellationToken: timeout.Token);

        (await Emulator.Admin.PostAsync("faults/expire-delta-links", null, timeout.Token)).EnsureSuccessStatusCode();
        var error = await Assert.ThrowsAsync<ODataError>(() =>
            delta.WithUrl(first!.OdataDeltaLink!).GetAsDeltaGetResponseAsync(cancellationToken: timeout.Token));

        Assert.Equal(410, error.ResponseStatusCode);
        Assert.Equal("syncstatenotfound", error.Error?.Code?.ToLowerInvariant());
    }

    [Fact]
    public async Task MailFolders_Delta_ReturnsWellKnownFolders()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 5);
        var names = new List<string>();

        var delta = Emulator.Graph.Users[userId].MailFolders.Delta;
        var response = await delta.GetAsDeltaGetResponseAsync(cancellationToken: timeout.Token);
        while (response!.OdataNextLink is { } next)
        {
            names.AddRange(response.Value!.Select(f => f.DisplayName!));
            response = await delta.WithUrl(next).GetAsDeltaGetResponseAsync(cancellationToken: timeout.Token);
        }

        names.AddRange(response.Value!.Select(f => f.DisplayName!));
        Assert.Contains("Inbox", names);
        Assert.Contains("Sent Items", names);
        Assert.NotNull(response.OdataDeltaLink);
    }

    [Fact]
    public async Task MessageRules_ListInbox_ReturnsForwardingRule()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 6);
        using var added = await Emulator.Admin.PostAsJsonAsync(
            $"mailboxes/{userId}/rules",
            new { displayName = "Forward all", forwardTo = new[] { "someone@outside.example" }, redirectTo = new[] { "other@outside.example" } },
            timeout.Token);
        var ruleId = (await added.Content.ReadFromJsonAsync<JsonObject>(timeout.Token))!["id"]!.GetValue<string>();

        var rules = await Emulator.Graph.Users[userId].MailFolders["inbox"].MessageRules.GetAsync(cancellationToken: timeout.Token);
        var single = await Emulator.Graph.Users[userId].MailFolders["inbox"].MessageRules[ruleId].GetAsync(cancellationToken: timeout.Token);

        var rule = Assert.Single(rules!.Value!, r => r.Id == ruleId);
        Assert.Equal("someone@outside.example", rule.Actions!.ForwardTo![0].EmailAddress!.Address);
        Assert.Equal("other@outside.example", rule.Actions.RedirectTo![0].EmailAddress!.Address);
        Assert.Equal("Forward all", single!.DisplayName);
    }

    [Fact]
    public async Task Notification_DeliveredMessage_CarriesCurrentEtag()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 7);
        var subscription = await Emulator.Graph.Subscriptions.PostAsync(
            new Subscription
            {
                ChangeType = "created,updated",
                NotificationUrl = Receiver.NotificationUrl + "?tenant=t1",
                Resource = $"users/{userId}/mailFolders('inbox')/messages",
                ExpirationDateTime = DateTimeOffset.UtcNow.AddHours(1),
                ClientState = "state-7",
            },
            cancellationToken: timeout.Token);

        var delivered = await Emulator.DeliverAsync(userId, new { from = "x@partner.example" }, timeout.Token);
        var messageId = delivered["id"]!.GetValue<string>();
        await NotificationReceiver.WaitUntilAsync(() => FindItem(subscription!.Id!, messageId) is not null, timeout.Token);
        var item = FindItem(subscription!.Id!, messageId)!;
        var message = await Emulator.Graph.Users[userId].Messages[messageId].GetAsync(
            request => request.QueryParameters.Select = ["id"], timeout.Token);

        Assert.Equal("created", item["changeType"]!.GetValue<string>());
        Assert.Equal("state-7", item["clientState"]!.GetValue<string>());
        Assert.Equal(EmulatorInstance.TenantId, item["tenantId"]!.GetValue<string>());
        Assert.Equal(message!.AdditionalData["@odata.etag"]!.ToString(), item["resourceData"]!["@odata.etag"]!.GetValue<string>());
        Assert.Null(item["encryptedContent"]);
    }

    private JsonObject? FindItem(string subscriptionId, string messageId) =>
        Receiver.Notifications
            .SelectMany(n => n["value"]!.AsArray())
            .Select(n => n!.AsObject())
            .FirstOrDefault(n => n["subscriptionId"]!.GetValue<string>() == subscriptionId
                && n["resourceData"]!["id"]!.GetValue<string>() == messageId);
}
