using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Outlook.Contracts;
using Outlook.Tests.Webhook.Support;

namespace Outlook.Tests.Webhook;

public sealed class WebhookEndpointTests(WebhookHostFixture host) : IClassFixture<WebhookHostFixture>
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("/api/notifications")]
    [InlineData("/api/lifecycle")]
    public async Task Webhook_ValidationToken_IsEchoedDecoded(string path)
    {
        const string Encoded = "Validation%3a+Testing+client+application+reachability+for+subscription+Request-Id%3a+25a8f6d2-0b4e+%2b1";
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var content = new StringContent("", Encoding.UTF8, "text/plain");

        using var response = await host.Client.PostAsync($"{path}?validationToken={Encoded}", content, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "Validation: Testing client application reachability for subscription Request-Id: 25a8f6d2-0b4e +1",
            await response.Content.ReadAsStringAsync(timeout.Token));
    }

    [Theory]
    [InlineData("notification-message-basic.json", "/api/notifications")]
    [InlineData("notification-message-basic-outlook.json", "/api/notifications")]
    [InlineData("lifecycle-missed.json", "/api/lifecycle")]
    [InlineData("lifecycle-reauthorizationRequired.json", "/api/lifecycle")]
    [InlineData("lifecycle-subscriptionRemoved.json", "/api/lifecycle")]
    public async Task Webhook_GraphSample_IsProduced(string sample, string path)
    {
        var body = GraphSamples.ReadObject(sample);
        var item = GraphSamples.FirstItem(body);
        var subscriptionId = Notifications.NewId("sample");
        item["subscriptionId"] = subscriptionId;
        await host.SeedSubscriptionAsync(subscriptionId, item["clientState"]!.GetValue<string>(), item["tenantId"]!.GetValue<string>());

        using var response = await host.PostAsync(body, path);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = Assert.Single(host.ReadRecords(), consumed => consumed.Record.SubscriptionId == subscriptionId);
        var lifecycleEvent = item["lifecycleEvent"]?.GetValue<string>();
        Assert.Equal(lifecycleEvent is null ? RecordKinds.Message : RecordKinds.Lifecycle, record.Record.Kind);
        Assert.Equal(lifecycleEvent, record.Record.LifecycleEvent);
        Assert.Equal(RecordOrigins.Webhook, record.Record.Origin);
        Assert.Equal(record.Record.Kind, record.Header(KafkaHeaderNames.RecordKind));
    }

    [Fact]
    public async Task Webhook_EventHubsValidationSample_ProducesNothing()
    {
        using var response = await host.PostAsync(GraphSamples.Read("notification-eventhubs-validation.json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(0, summary!["accepted"]!.GetValue<int>());
        Assert.Equal(1, summary["rejected"]!.GetValue<int>());
    }

    [Fact]
    public async Task Webhook_GoldenNotification_IsReadBackWithMetadata()
    {
        var body = GraphSamples.ReadObject("source-notification.json");
        var item = GraphSamples.FirstItem(body);
        await host.SeedSubscriptionAsync(item["subscriptionId"]!.GetValue<string>(), "total-verification-token", "tenant-id-001", "user-aad-id-001");

        using var response = await host.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var consumed = Assert.Single(host.ReadRecords(), record => record.Record.ResourceId == "msg-graph-id-001");
        var record = consumed.Record;
        Assert.Equal(NotificationRecord.PartitionKey("tenant-id-001", "user-aad-id-001"), consumed.Key);
        Assert.Equal("tenant-id-001", record.TenantId);
        Assert.Equal("user-aad-id-001", record.MailboxId);
        Assert.Equal("created", record.ChangeType);
        Assert.Equal(RecordKinds.Message, record.Kind);
        var data = record.ResourceData!.Value;
        Assert.Equal("partner@external.com", data.GetProperty("from").GetProperty("emailAddress").GetProperty("address").GetString());
        Assert.Equal("jane.doe@acme.com", data.GetProperty("toRecipients")[0].GetProperty("emailAddress").GetProperty("address").GetString());
        Assert.Equal("<AAkALgAAAAAAHYQD@acme.com>", data.GetProperty("internetMessageId").GetString());
        Assert.True(data.GetProperty("hasAttachments").GetBoolean());
        Assert.NotNull(consumed.Header(KafkaHeaderNames.ReceivedAt));
        Assert.NotNull(consumed.Header(KafkaHeaderNames.TraceParent));
    }

    [Theory]
    [InlineData("notification-message-rich-encrypted.json")]
    [InlineData("notification-rich-encrypted-chatmessage.json")]
    public async Task Webhook_RichSample_IsProducedWithoutContent(string sample)
    {
        var body = GraphSamples.ReadObject(sample);
        var item = GraphSamples.FirstItem(body);
        var subscriptionId = Notifications.NewId("rich");
        item["subscriptionId"] = subscriptionId;
        item["clientState"] = "rich-client-state";
        item["tenantId"] = WebhookHostFixture.TenantId;
        item["encryptedContent"] = GraphEncryption.Encrypt(
            GraphSamples.Read("notification-message-rich-decrypted-resource.json"), host.Certificate, WebhookHostFixture.CertificateId);
        body["validationTokens"] = new JsonArray(host.Tokens.Issue(WebhookHostFixture.TenantId, WebhookHostFixture.ClientId));
        await host.SeedSubscriptionAsync(subscriptionId, "rich-client-state");

        using var response = await host.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var data = Assert.Single(host.ReadRecords(), record => record.Record.SubscriptionId == subscriptionId).Record.ResourceData!.Value;
        Assert.Equal("normal", data.GetProperty("importance").GetString());
        Assert.False(data.TryGetProperty("subject", out _));
        Assert.False(data.TryGetProperty("bodyPreview", out _));
    }

    [Fact]
    public async Task Webhook_BadItems_AreRejectedBesideGoodOne()
    {
        var subscriptionId = Notifications.NewId("mixed");
        await host.SeedSubscriptionAsync(subscriptionId, "right-state");
        var mailbox = Notifications.NewId("mailbox");
        var body = Notifications.Collection(
            Notifications.Message(subscriptionId, "right-state", mailbox, "good"),
            Notifications.Message(subscriptionId, "wrong-state", mailbox, "wrong-client-state"),
            Notifications.Message(Notifications.NewId("unknown"), "right-state", mailbox, "unknown-subscription"),
            JsonValue.Create(42)!,
            new JsonObject { ["subscriptionId"] = new JsonArray() });

        using var response = await host.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, summary!["accepted"]!.GetValue<int>());
        Assert.Equal(4, summary["rejected"]!.GetValue<int>());
        var produced = host.ReadRecords().Where(record => record.Record.MailboxId == mailbox).Select(record => record.Record.ResourceId);
        Assert.Equal(["good"], produced);
    }

    [Fact]
    public async Task Webhook_AllItemsRejected_Answers202WithoutRecords()
    {
        var subscriptionId = Notifications.NewId("forged");
        await host.SeedSubscriptionAsync(subscriptionId, "right-state");
        var mailbox = Notifications.NewId("mailbox");

        using var response = await host.PostAsync(Notifications.Collection(Notifications.Message(subscriptionId, "forged-state", mailbox, "m1")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain(host.ReadRecords(), record => record.Record.MailboxId == mailbox);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("forged-token")]
    [InlineData("expired-token")]
    [InlineData("no-token")]
    public async Task Webhook_UntrustedRichItem_IsRejectedBesideGoodOne(string defect)
    {
        var subscriptionId = Notifications.NewId("rich-defect");
        await host.SeedSubscriptionAsync(subscriptionId, "state");
        var mailbox = Notifications.NewId("mailbox");
        var rich = Notifications.Message(subscriptionId, "state", mailbox, "rich");
        var encrypted = GraphEncryption.Encrypt("""{"isRead":true}""", host.Certificate, WebhookHostFixture.CertificateId);
        rich["encryptedContent"] = encrypted;
        var body = Notifications.Collection(Notifications.Message(subscriptionId, "state", mailbox, "basic"), rich);
        using var forger = new ValidationTokens();
        body["validationTokens"] = defect switch
        {
            "forged-token" => new JsonArray(forger.Issue(WebhookHostFixture.TenantId, WebhookHostFixture.ClientId)),
            "expired-token" => new JsonArray(host.Tokens.Issue(WebhookHostFixture.TenantId, WebhookHostFixture.ClientId, expiresIn: TimeSpan.FromHours(-1))),
            "no-token" => null,
            _ => new JsonArray(host.Tokens.Issue(WebhookHostFixture.TenantId, WebhookHostFixture.ClientId)),
        };
        if (defect == "tampered")
        {
            GraphEncryption.Tamper(encrypted);
        }

        using var response = await host.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var produced = host.ReadRecords().Where(record => record.Record.MailboxId == mailbox).Select(record => record.Record.ResourceId);
        Assert.Equal(["basic"], produced);
    }

    [Fact]
    public async Task Webhook_MalformedJson_Returns400()
    {
        var mailbox = Notifications.NewId("mailbox");

        using var response = await host.PostAsync($$"""{"value":[{"subscriptionId":"s","resource":"Users/{{mailbox}}/Messages/m1"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Malformed JSON", (await ReadProblemAsync(response))["title"]!.GetValue<string>());
        Assert.DoesNotContain(host.ReadRecords(), record => record.Record.MailboxId == mailbox);
    }

    [Fact]
    public async Task Webhook_OversizedBody_Returns413()
    {
        var subscriptionId = Notifications.NewId("oversized");
        await host.SeedSubscriptionAsync(subscriptionId, "state");
        var mailbox = Notifications.NewId("mailbox");
        var item = Notifications.Message(subscriptionId, "state", mailbox, "m1");
        item["padding"] = new string('x', WebhookHostFixture.MaxRequestBodyBytes);

        using var response = await host.PostAsync(Notifications.Collection(item));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request body too large", (await ReadProblemAsync(response))["title"]!.GetValue<string>());
        Assert.DoesNotContain(host.ReadRecords(), record => record.Record.MailboxId == mailbox);
    }

    [Fact]
    public async Task Webhook_TooManyItems_Returns413()
    {
        var subscriptionId = Notifications.NewId("many");
        await host.SeedSubscriptionAsync(subscriptionId, "state");
        var mailbox = Notifications.NewId("mailbox");
        var items = Enumerable.Range(0, WebhookHostFixture.MaxNotificationsPerRequest + 1)
            .Select(index => (JsonNode)Notifications.Message(subscriptionId, "state", mailbox, $"m{index}"))
            .ToArray();

        using var response = await host.PostAsync(Notifications.Collection(items));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Too many notifications", (await ReadProblemAsync(response))["title"]!.GetValue<string>());
        Assert.DoesNotContain(host.ReadRecords(), record => record.Record.MailboxId == mailbox);
    }

    [Fact]
    public async Task Webhook_DeepJson_Returns400()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", WebhookHostFixture.MaxJsonDepth + 2)) + "1" + new string('}', WebhookHostFixture.MaxJsonDepth + 2);

        using var response = await host.PostAsync($$"""{"value":[{"resourceData":{{deep}}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("JSON nested too deeply", (await ReadProblemAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_NotACollection_Returns400()
    {
        using var response = await host.PostAsync("""{"items":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Not a change notification collection", (await ReadProblemAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_WrongContentType_Returns415()
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var content = new StringContent("""{"value":[]}""", Encoding.UTF8, "text/plain");

        using var response = await host.Client.PostAsync("/api/notifications", content, timeout.Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Unsupported content type", (await ReadProblemAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_SameNotificationTwice_IsProducedOnce()
    {
        var subscriptionId = Notifications.NewId("twice");
        await host.SeedSubscriptionAsync(subscriptionId, "state");
        var mailbox = Notifications.NewId("mailbox");
        var body = Notifications.Collection(Notifications.Message(subscriptionId, "state", mailbox, "m1", etag: "W/\"v1\""));

        using var first = await host.PostAsync(body);
        using var second = await host.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(1, (await second.Content.ReadFromJsonAsync<JsonObject>())!["duplicates"]!.GetValue<int>());
        var record = Assert.Single(host.ReadRecords(), consumed => consumed.Record.MailboxId == mailbox);
        Assert.True(await host.Database.KeyExistsAsync(RedisKeys.Dedup(record.Record.ChangeKey)));
        var ttl = await host.Database.KeyTimeToLiveAsync(RedisKeys.Dedup(record.Record.ChangeKey));
        Assert.True(ttl > TimeSpan.FromHours(4), $"dedup TTL was {ttl}");
    }

    [Fact]
    public async Task Webhook_SameChangeThroughTwoSubscriptions_IsProducedOnce()
    {
        var first = Notifications.NewId("sub-a");
        var second = Notifications.NewId("sub-b");
        await host.SeedSubscriptionAsync(first, "state-a");
        await host.SeedSubscriptionAsync(second, "state-b");
        var mailbox = Notifications.NewId("mailbox");

        using var response = await host.PostAsync(Notifications.Collection(
            Notifications.Message(first, "state-a", mailbox, "m1", etag: "W/\"v1\""),
            Notifications.Message(second, "state-b", mailbox, "m1", etag: "W/\"v1\"")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(host.ReadRecords(), consumed => consumed.Record.MailboxId == mailbox);
    }

    [Fact]
    public async Task Webhook_OneMailboxManyChanges_KeepsOrder()
    {
        var subscriptionId = Notifications.NewId("order");
        await host.SeedSubscriptionAsync(subscriptionId, "state");
        var mailbox = Notifications.NewId("mailbox");
        var messageIds = Enumerable.Range(0, 40).Select(index => $"m{index:D2}").ToList();

        foreach (var batch in messageIds.Chunk(10))
        {
            var items = batch.Select(id => (JsonNode)Notifications.Message(subscriptionId, "state", mailbox, id)).ToArray();
            using var response = await host.PostAsync(Notifications.Collection(items));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var produced = host.ReadRecords().Where(record => record.Record.MailboxId == mailbox).ToList();
        Assert.Equal(messageIds, produced.Select(record => record.Record.ResourceId));
        Assert.Single(produced.Select(record => record.Partition).Distinct());
    }

    private static async Task<JsonObject> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
