using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outlook.Tests.GraphEmulator;

/// <summary>Notification delivery: retries, failure accounting and the switchable imperfections.</summary>
public sealed class DeliveryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private EmulatorInstance Emulator => fixture.Emulator;

    private NotificationReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task Delivery_EndpointFailing_RetriesThenCountsFailed()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 20);
        var subscriptionId = await SubscribeAsync(userId, "created", lifecycle: false, timeout.Token);

        Receiver.StatusCode = 503;
        try
        {
            await Emulator.DeliverAsync(userId, new { from = "x@partner.example" }, timeout.Token);
            await NotificationReceiver.WaitUntilAsync(() => Counts(subscriptionId, timeout.Token)["failed"]!.GetValue<long>() == 1, timeout.Token);
        }
        finally
        {
            Receiver.StatusCode = 202;
        }

        await Emulator.DeliverAsync(userId, new { from = "y@partner.example" }, timeout.Token);
        await NotificationReceiver.WaitUntilAsync(() => Counts(subscriptionId, timeout.Token)["acknowledged"]!.GetValue<long>() == 1, timeout.Token);
        var counts = Counts(subscriptionId, timeout.Token);

        Assert.Equal(2, counts["queued"]!.GetValue<long>());
        Assert.Equal(2, counts["retries"]!.GetValue<long>());
        Assert.Equal(4, counts["requests"]!.GetValue<long>());
        Assert.Equal(0, counts["pending"]!.GetValue<long>());
    }

    [Fact]
    public async Task Delivery_RetriedBatch_StaysAheadOfLaterOnes()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 25);
        var subscriptionId = await SubscribeAsync(userId, "created", lifecycle: false, timeout.Token);
        var failedBefore = Receiver.FailedRequests;

        // The first POST fails slowly, so the later messages are queued while it is still pending.
        Receiver.FailNext(1, TimeSpan.FromSeconds(1));
        var ids = new List<string>();
        try
        {
            ids.Add((await Emulator.DeliverAsync(userId, new { from = "first@partner.example" }, timeout.Token))["id"]!.GetValue<string>());
            await NotificationReceiver.WaitUntilAsync(() => Receiver.FailedRequests > failedBefore, timeout.Token);
            ids.Add((await Emulator.DeliverAsync(userId, new { from = "second@partner.example" }, timeout.Token))["id"]!.GetValue<string>());
            ids.Add((await Emulator.DeliverAsync(userId, new { from = "third@partner.example" }, timeout.Token))["id"]!.GetValue<string>());
            await NotificationReceiver.WaitUntilAsync(() => Items(subscriptionId).Count == 3, timeout.Token);
        }
        finally
        {
            Receiver.FailNext(0, TimeSpan.Zero);
        }

        var received = Items(subscriptionId).Select(i => i["resourceData"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(1, Counts(subscriptionId, timeout.Token)["retries"]!.GetValue<long>());
        Assert.Equal(ids, received);
    }

    [Fact]
    public async Task Faults_DuplicatesAndUpdates_MultiplyNotifications()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 21);
        var subscriptionId = await SubscribeAsync(userId, "created,updated", lifecycle: false, timeout.Token);

        await SetFaultsAsync(new { duplicates = true, updatedAfterCreated = 2, outOfOrder = true, resourceSpellingVariants = true }, timeout.Token);
        JsonObject delivered;
        try
        {
            delivered = await Emulator.DeliverAsync(userId, new { from = "x@partner.example" }, timeout.Token);
        }
        finally
        {
            await SetFaultsAsync(new { }, timeout.Token);
        }

        var messageId = delivered["id"]!.GetValue<string>();
        await NotificationReceiver.WaitUntilAsync(() => Items(subscriptionId).Count == 6, timeout.Token);
        var items = Items(subscriptionId);

        Assert.Equal(2, items.Count(i => i["changeType"]!.GetValue<string>() == "created"));
        Assert.Equal(4, items.Count(i => i["changeType"]!.GetValue<string>() == "updated"));
        Assert.All(items, i => Assert.Equal(messageId, i["resourceData"]!["id"]!.GetValue<string>()));
        Assert.Equal(3, items.Select(i => i["resource"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task Faults_IdChangeOnMove_OldIdReturns404()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 22);
        var delivered = await Emulator.DeliverAsync(userId, new { from = "x@partner.example" }, timeout.Token);
        var oldId = delivered["id"]!.GetValue<string>();

        await SetFaultsAsync(new { idChangeOnMove = true }, timeout.Token);
        JsonObject moved;
        try
        {
            using var response = await Emulator.Admin.PostAsJsonAsync($"mailboxes/{userId}/messages/{oldId}/move", new { folder = "archive" }, timeout.Token);
            moved = (await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token))!;
        }
        finally
        {
            await SetFaultsAsync(new { }, timeout.Token);
        }

        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);
        using var old = await http.GetAsync($"v1.0/users/{userId}/messages/{oldId}", timeout.Token);
        using var current = await http.GetAsync($"v1.0/users/{userId}/mailFolders/archive/messages/{moved["id"]}", timeout.Token);

        Assert.NotEqual(oldId, moved["id"]!.GetValue<string>());
        Assert.Equal(404, (int)old.StatusCode);
        Assert.Equal(200, (int)current.StatusCode);
    }

    [Fact]
    public async Task Faults_DropNotifications_SendsMissedAfterwards()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 23);
        var subscriptionId = await SubscribeAsync(userId, "created", lifecycle: true, timeout.Token);

        (await Emulator.Admin.PostAsJsonAsync("faults/drop", new { duration = "00:00:01" }, timeout.Token)).EnsureSuccessStatusCode();
        await Emulator.DeliverAsync(userId, new { from = "x@partner.example" }, timeout.Token);
        await NotificationReceiver.WaitUntilAsync(
            () => Receiver.LifecycleNotifications.SelectMany(n => n["value"]!.AsArray()).Any(n =>
                n!["subscriptionId"]!.GetValue<string>() == subscriptionId && n["lifecycleEvent"]!.GetValue<string>() == "missed"),
            timeout.Token);
        var counts = Counts(subscriptionId, timeout.Token);

        Assert.Equal(1, counts["dropped"]!.GetValue<long>());
        Assert.Equal(0, counts["acknowledged"]!.GetValue<long>());
        Assert.Empty(Items(subscriptionId));
    }

    [Fact]
    public async Task Lifecycle_NearExpiry_SendsReauthorizationRequired()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 24);

        var subscriptionId = await SubscribeAsync(userId, "created", lifecycle: true, timeout.Token, lifetime: TimeSpan.FromMinutes(30));
        await NotificationReceiver.WaitUntilAsync(
            () => Receiver.LifecycleNotifications.SelectMany(n => n["value"]!.AsArray()).Any(n =>
                n!["subscriptionId"]!.GetValue<string>() == subscriptionId && n["lifecycleEvent"]!.GetValue<string>() == "reauthorizationRequired"),
            timeout.Token);

        Assert.Equal(1, Counts(subscriptionId, timeout.Token)["lifecycleAcknowledged"]!.GetValue<long>());
    }

    private async Task SetFaultsAsync(object switches, CancellationToken cancellationToken)
    {
        using var response = await Emulator.Admin.PutAsJsonAsync("faults", switches, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private JsonObject Counts(string subscriptionId, CancellationToken cancellationToken)
    {
        var statistics = Emulator.StatisticsAsync(cancellationToken).GetAwaiter().GetResult();
        return statistics["subscriptions"]!.AsArray()
            .Single(s => s!["id"]!.GetValue<string>() == subscriptionId)!["counts"]!.AsObject();
    }

    private List<JsonObject> Items(string subscriptionId) =>
        [.. Receiver.Notifications
            .SelectMany(n => n["value"]!.AsArray())
            .Select(n => n!.AsObject())
            .Where(n => n["subscriptionId"]!.GetValue<string>() == subscriptionId)];

    private async Task<string> SubscribeAsync(
        string userId, string changeType, bool lifecycle, CancellationToken cancellationToken, TimeSpan? lifetime = null)
    {
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(cancellationToken);
        using var response = await http.PostAsJsonAsync("v1.0/subscriptions", new
        {
            changeType,
            notificationUrl = Receiver.NotificationUrl,
            lifecycleNotificationUrl = lifecycle ? Receiver.LifecycleUrl : null,
            resource = $"users/{userId}/messages",
            expirationDateTime = DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(2)),
            clientState = "state",
        }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["id"]!.GetValue<string>();
    }
}
