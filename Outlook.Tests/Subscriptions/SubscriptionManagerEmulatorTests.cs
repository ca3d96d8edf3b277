using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.Connection;
using Outlook.Subscriptions.Storage;
using Outlook.Tests.Common;

namespace Outlook.Tests.Subscriptions;

/// <summary>The subscription manager running in the AppHost against the Graph emulator, the webhook, Redis and Kafka.</summary>
public sealed class SubscriptionManagerEmulatorTests(SubscriptionsAppFixture fixture) : IClassFixture<SubscriptionsAppFixture>
{
    private const string TenantKey = "Outlook__Tenants__0__TenantId";

    [Fact]
    public async Task Subscriptions_TenantOfNUsers_EachSubscribedWithClientState()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);

        var active = await fixture.WaitForAllSubscribedAsync(timeout.Token);

        Assert.Equal(SubscriptionsAppFixture.MailboxCount, active.Select(subscription => subscription.UserId).Distinct().Count());
        foreach (var (subscriptionId, _) in active)
        {
            var clientState = await fixture.Redis.GetDatabase().HashGetAsync(RedisKeys.Subscription(subscriptionId), "clientState");
            Assert.False(clientState.IsNullOrEmpty, $"subscription {subscriptionId} has no clientState in Redis");
        }
    }

    [Fact]
    public async Task Subscriptions_RemovedWhileDropping_RecreatedAndGapCaughtUp()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        var active = await fixture.WaitForAllSubscribedAsync(timeout.Token);
        var (oldId, userId) = active[1];
        using var topic = new NotificationTopicReader(await fixture.GetConnectionStringAsync("kafka"));

        await fixture.PostAdminAsync("/emulator/faults/drop", new { duration = "00:05:00" }, timeout.Token);
        var gap = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            gap.Add(await fixture.DeliverAsync(userId, timeout.Token));
        }

        await fixture.PostAdminAsync($"/emulator/subscriptions/{oldId}/remove", null, timeout.Token);
        await fixture.PostAdminAsync("/emulator/faults/drop", new { duration = "00:00:00" }, timeout.Token);
        await topic.WaitForAsync(records => gap.All(id => HasDeltaRecord(records, id)), timeout.Token);
        var replaced = await Polling.UntilAsync(
            async () => (await fixture.ActiveSubscriptionsAsync(timeout.Token)).Where(s => s.UserId == userId && s.Id != oldId).ToList(),
            found => found.Count == 1,
            timeout.Token);

        Assert.All(gap, id => Assert.True(HasDeltaRecord(topic.Records, id), $"message {id} of the gap was not produced"));
        Assert.False(await fixture.Redis.GetDatabase().KeyExistsAsync(RedisKeys.Subscription(oldId)));
        Assert.True(await fixture.Redis.GetDatabase().KeyExistsAsync(RedisKeys.Subscription(replaced[0].Id)));
    }

    [Fact]
    public async Task Subscriptions_Missed_CatchesUp()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        var active = await fixture.WaitForAllSubscribedAsync(timeout.Token);
        // Not the mailbox of the expired-link test: the webhook drops a second missed event of one subscription and expiry as a duplicate.
        var (subscriptionId, userId) = active[0];
        using var topic = new NotificationTopicReader(await fixture.GetConnectionStringAsync("kafka"));

        await fixture.PostAdminAsync("/emulator/faults/drop", new { duration = "00:05:00" }, timeout.Token);
        var missed = new[] { await fixture.DeliverAsync(userId, timeout.Token), await fixture.DeliverAsync(userId, timeout.Token) };
        await fixture.PostAdminAsync("/emulator/faults/drop", new { duration = "00:00:00" }, timeout.Token);
        await fixture.PostAdminAsync($"/emulator/subscriptions/{subscriptionId}/missed", null, timeout.Token);
        await topic.WaitForAsync(records => missed.All(id => HasDeltaRecord(records, id)), timeout.Token);

        var record = topic.Records.First(candidate => candidate.Origin == RecordOrigins.Delta && candidate.ResourceId == missed[0]);
        Assert.Equal(RecordKinds.Message, record.Kind);
        Assert.Equal("created", record.ChangeType);
        Assert.False(record.ResourceData!.Value.TryGetProperty("subject", out _));
    }

    [Fact]
    public async Task Subscriptions_ExpiredDeltaLink_ResyncsOnce()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        var active = await fixture.WaitForAllSubscribedAsync(timeout.Token);
        var (subscriptionId, userId) = active[2];
        var tenantId = (await fixture.EnvironmentOfAsync("subscriptions"))[TenantKey];
        var linkKey = RedisKeys.DeltaLink(tenantId, userId, await InboxIdAsync(tenantId, userId, timeout.Token));
        var deadLink = (string?)await fixture.Redis.GetDatabase().StringGetAsync(linkKey);
        using var topic = new NotificationTopicReader(await fixture.GetConnectionStringAsync("kafka"));

        await fixture.PostAdminAsync("/emulator/faults/expire-delta-links", null, timeout.Token);
        await fixture.PostAdminAsync("/emulator/faults/drop", new { duration = "00:05:00" }, timeout.Token);
        var messageId = await fixture.DeliverAsync(userId, timeout.Token);
        await fixture.PostAdminAsync("/emulator/faults/drop", new { duration = "00:00:00" }, timeout.Token);
        await fixture.PostAdminAsync($"/emulator/subscriptions/{subscriptionId}/missed", null, timeout.Token);
        await topic.WaitForAsync(records => HasDeltaRecord(records, messageId), timeout.Token);
        var freshLink = await Polling.UntilAsync(
            async () => (string?)await fixture.Redis.GetDatabase().StringGetAsync(linkKey),
            link => link is not null && link != deadLink,
            timeout.Token);

        Assert.NotNull(deadLink);
        Assert.NotEqual(deadLink, freshLink);
        var state = await new MailboxStore(fixture.Redis, TimeProvider.System).GetStateAsync(tenantId, userId);
        Assert.NotEqual(MailboxStates.Failed, state.State);
    }

    [Fact]
    public async Task Rules_AddedOpaqueAndRemoved_ProduceRecords()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        var active = await fixture.WaitForAllSubscribedAsync(timeout.Token);
        var userId = active[3].UserId;
        using var topic = new NotificationTopicReader(await fixture.GetConnectionStringAsync("kafka"));

        var forwardId = await AddRuleAsync(userId, new { displayName = "Forward out", forwardTo = new[] { "drop@evil.example" } }, timeout.Token);
        var opaqueId = await AddRuleAsync(userId, new { displayName = "", isReadOnly = true }, timeout.Token);
        await topic.WaitForAsync(records => HasRuleRecord(records, forwardId, "created") && HasRuleRecord(records, opaqueId, "created"), timeout.Token);
        using (var emulator = fixture.CreateEmulatorClient())
        {
            using var deleted = await emulator.DeleteAsync($"/emulator/mailboxes/{userId}/rules/{forwardId}", timeout.Token);
            deleted.EnsureSuccessStatusCode();
        }

        await topic.WaitForAsync(records => HasRuleRecord(records, forwardId, "deleted"), timeout.Token);

        var opaque = topic.Records.First(record => record.Kind == RecordKinds.Rule && record.ResourceId == opaqueId);
        Assert.True(opaque.ResourceData!.Value.GetProperty("isReadOnly").GetBoolean());
        Assert.Equal(RecordOrigins.RulePoll, opaque.Origin);
    }

    [Fact]
    public async Task Rules_Changed_IsUpdated()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        var active = await fixture.WaitForAllSubscribedAsync(timeout.Token);
        var userId = active[3].UserId;
        using var topic = new NotificationTopicReader(await fixture.GetConnectionStringAsync("kafka"));
        var ruleId = await AddRuleAsync(userId, new { displayName = "Copy", forwardTo = new[] { "copy@external.example" } }, timeout.Token);
        await topic.WaitForAsync(records => HasRuleRecord(records, ruleId, "created"), timeout.Token);

        using (var emulator = fixture.CreateEmulatorClient())
        {
            using var changed = await emulator.PatchAsJsonAsync(
                $"/emulator/mailboxes/{userId}/rules/{ruleId}", new { forwardTo = new[] { "other@evil.example" } }, timeout.Token);
            Assert.True(changed.IsSuccessStatusCode, $"the emulator could not change rule {ruleId}: {(int)changed.StatusCode}");
        }

        await topic.WaitForAsync(records => HasRuleRecord(records, ruleId, "updated"), timeout.Token);

        var updated = topic.Records.First(record => HasRuleRecord([record], ruleId, "updated"));
        var forwardTo = updated.ResourceData!.Value.GetProperty("actions").GetProperty("forwardTo");
        Assert.Equal("other@evil.example", forwardTo[0].GetProperty("emailAddress").GetProperty("address").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Throttling_StormInEveryRetryAfterForm_WorkFinishes(int retryAfterForm)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        var active = await fixture.WaitForAllSubscribedAsync(timeout.Token);
        var userId = active[0].UserId;
        using var topic = new NotificationTopicReader(await fixture.GetConnectionStringAsync("kafka"));

        await fixture.PostAdminAsync("/emulator/faults/throttle", new { duration = "00:00:08", retryAfterForm }, timeout.Token);
        var ruleId = await AddRuleAsync(userId, new { displayName = $"During storm {retryAfterForm}", senderContains = new[] { "storm" } }, timeout.Token);
        await topic.WaitForAsync(records => HasRuleRecord(records, ruleId, "created"), timeout.Token);

        using var service = fixture.App.CreateHttpClient("subscriptions", "http");
        using var health = await service.GetAsync("/health", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var tenantId = (await fixture.EnvironmentOfAsync("subscriptions"))[TenantKey];
        var state = await new MailboxStore(fixture.Redis, TimeProvider.System).GetStateAsync(tenantId, userId);
        Assert.NotEqual(MailboxStates.Failed, state.State);
    }

    [Fact]
    public async Task ManagementApi_WithoutKey_IsRejected()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        using var service = fixture.App.CreateHttpClient("subscriptions", "http");

        using var response = await service.GetAsync("/api/subscriptions", timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ManagementApi_ConnectionTest_Succeeds()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        using var service = fixture.App.CreateHttpClient("subscriptions", "http");
        service.DefaultRequestHeaders.Add("X-Api-Key", SubscriptionsAppFixture.ApiKey);

        using var response = await service.PostAsync("/api/connection/test", content: null, timeout.Token);
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>(timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body!.RootElement.GetProperty("succeeded").GetBoolean(), body.RootElement.ToString());
    }

    [Fact]
    public async Task ConnectionTest_WrongSecret_NamesTheSecret()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        var environment = await fixture.EnvironmentOfAsync("subscriptions");
        var tenant = new TenantOptions
        {
            TenantId = environment[TenantKey],
            ClientId = environment["Outlook__Tenants__0__ClientId"],
            ClientSecret = "not-the-secret",
            AuthorityHost = new Uri(environment["Outlook__Tenants__0__AuthorityHost"]),
            GraphBaseUrl = new Uri(environment["Outlook__Tenants__0__GraphBaseUrl"]),
            TrustedCertificateThumbprint = environment["Outlook__Tenants__0__TrustedCertificateThumbprint"],
        };
        await using var services = new ServiceCollection().AddLogging().AddSingleton<ConnectionTester>()
            .Configure<TenantsOptions>(options => options.Tenants.Add(tenant)).BuildServiceProvider();

        var report = await services.GetRequiredService<ConnectionTester>().TestAsync(tenant, timeout.Token);

        Assert.False(report.Succeeded);
        var token = Assert.Single(report.Steps);
        Assert.Contains("client secret is wrong", token.Message, StringComparison.Ordinal);
    }

    private async Task<string> InboxIdAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var folders = await Polling.UntilAsync(
            async () => await fixture.Redis.GetDatabase().HashGetAllAsync(SubscriptionKeys.Folders(tenantId, userId)),
            entries => entries.Any(entry => entry.Value.ToString().Contains("\"Inbox\"", StringComparison.Ordinal)),
            cancellationToken);
        return folders.First(entry => entry.Value.ToString().Contains("\"Inbox\"", StringComparison.Ordinal)).Name.ToString();
    }

    private async Task<string> AddRuleAsync(string userId, object rule, CancellationToken cancellationToken)
    {
        using var emulator = fixture.CreateEmulatorClient();
        using var response = await emulator.PostAsJsonAsync($"/emulator/mailboxes/{userId}/rules", rule, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken);
        return body!.RootElement.GetProperty("id").GetString()!;
    }

    private static bool HasDeltaRecord(IReadOnlyList<NotificationRecord> records, string messageId) =>
        records.Any(record => record.Origin == RecordOrigins.Delta && record.ResourceId == messageId);

    private static bool HasRuleRecord(IReadOnlyList<NotificationRecord> records, string ruleId, string changeType) =>
        records.Any(record => record.Kind == RecordKinds.Rule && record.ResourceId == ruleId && record.ChangeType == changeType);
}
