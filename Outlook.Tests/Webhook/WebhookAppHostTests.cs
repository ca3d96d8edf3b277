using System.Net;
using System.Text;
using Aspire.Hosting.Testing;
using Outlook.Contracts;
using Outlook.Tests.Common;
using Outlook.Tests.Webhook.Support;
using StackExchange.Redis;

namespace Outlook.Tests.Webhook;

/// <summary>The webhook as the AppHost runs it, with the AppHost's Redis and Kafka.</summary>
public sealed class WebhookAppHostTests(OutlookAppFixture fixture) : IClassFixture<OutlookAppFixture>
{
    [Fact]
    public async Task Webhook_AppHost_GoldenAndBasicSamplesReachKafka()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.GetConnectionStringAsync("redis"));
        using var http = fixture.App.CreateHttpClient("webhook", "http");
        var golden = GraphSamples.ReadGolden();
        var goldenSubscription = Notifications.NewId("golden");
        GraphSamples.FirstItem(golden)["subscriptionId"] = goldenSubscription;
        await SeedAsync(redis, goldenSubscription, "total-verification-token", "tenant-id-001", "user-aad-id-001");
        var basicSubscriptions = new List<string>();

        await PostAcceptedAsync(http, golden.ToJsonString());
        foreach (var sample in GraphSamples.BasicNotifications)
        {
            var body = GraphSamples.ReadObject(sample);
            var item = GraphSamples.FirstItem(body);
            var subscriptionId = Notifications.NewId("basic");
            item["subscriptionId"] = subscriptionId;
            basicSubscriptions.Add(subscriptionId);
            await SeedAsync(redis, subscriptionId, item["clientState"]!.GetValue<string>(), item["tenantId"]!.GetValue<string>(), "mailbox");
            await PostAcceptedAsync(http, body.ToJsonString());
        }

        var records = KafkaTopicReader.ReadNotifications(await fixture.GetConnectionStringAsync("kafka"));
        var goldenRecord = Assert.Single(records, record => record.Record.SubscriptionId == goldenSubscription).Record;
        Assert.Equal("user-aad-id-001", goldenRecord.MailboxId);
        Assert.Equal("msg-graph-id-001", goldenRecord.ResourceId);
        Assert.Equal("partner@external.com", goldenRecord.ResourceData!.Value.GetProperty("from").GetProperty("emailAddress").GetProperty("address").GetString());
        foreach (var subscriptionId in basicSubscriptions)
        {
            Assert.Single(records, record => record.Record.SubscriptionId == subscriptionId);
        }
    }

    private static Task SeedAsync(ConnectionMultiplexer redis, string subscriptionId, string clientState, string tenantId, string mailboxId) =>
        redis.GetDatabase().HashSetAsync(RedisKeys.Subscription(subscriptionId),
        [
            new HashEntry("tenantId", tenantId),
            new HashEntry("mailboxId", mailboxId),
            new HashEntry("clientState", clientState),
            new HashEntry("resource", $"/users/{mailboxId}/messages"),
        ]);

    private static async Task PostAcceptedAsync(HttpClient http, string body)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/notifications", content, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
