using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Outlook.Tests.GraphEmulator;

/// <summary>Emulator responses and notifications have the property names, casing and nesting of Microsoft's documented samples.</summary>
public sealed class ResponseShapeTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private EmulatorInstance Emulator => fixture.Emulator;

    private NotificationReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task MessageGet_Full_MatchesSampleShape()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 10);
        var delivered = await Emulator.DeliverAsync(userId, new { from = "a@partner.example", to = new[] { "b@enron.com" } }, timeout.Token);
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);

        var message = await http.GetFromJsonAsync<JsonObject>($"v1.0/users/{userId}/messages/{delivered["id"]}", timeout.Token);

        Assert.Equal(JsonShape.Paths(JsonShape.Load("message-get-full.response.json")), JsonShape.Paths(message));
    }

    [Fact]
    public async Task MessageGet_Content_CarriesCanaries()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 10);
        var delivered = await Emulator.DeliverAsync(userId, new { attachments = 2 }, timeout.Token);
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);

        var message = await http.GetFromJsonAsync<JsonObject>($"v1.0/users/{userId}/messages/{delivered["id"]}", timeout.Token);
        var attachments = await http.GetFromJsonAsync<JsonObject>($"v1.0/users/{userId}/messages/{delivered["id"]}/attachments", timeout.Token);
        var canaries = await Emulator.Admin.GetFromJsonAsync<JsonObject>("canaries", timeout.Token);

        var prefixes = canaries!["prefixes"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains("CANARY-SUBJECT-", message!["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("CANARY-BODY-", message["body"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("CANARY-PREVIEW-", message["bodyPreview"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(attachments!["value"]!.AsArray(), a => Assert.Contains("CANARY-ATTACHMENT-", a!["name"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(4, prefixes.Count);
    }

    [Fact]
    public async Task SubscriptionCreate_Basic_MatchesSampleShape()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 11);
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);

        using var response = await http.PostAsJsonAsync("v1.0/subscriptions", new
        {
            changeType = "created",
            notificationUrl = Receiver.NotificationUrl,
            resource = $"users/{userId}/messages",
            expirationDateTime = DateTimeOffset.UtcNow.AddHours(2),
            clientState = "secretClientState",
        }, timeout.Token);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal(JsonShape.Paths(JsonShape.Load("subscription-create-users-messages.response.json")), JsonShape.Paths(body));
    }

    [Fact]
    public async Task RichNotification_Decrypted_MatchesSampleShapeAndSelect()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 12);
        using var certificate = TestCertificates.CreateEncryptionCertificate();
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);
        using var created = await http.PostAsJsonAsync("v1.0/subscriptions", new
        {
            changeType = "created",
            notificationUrl = Receiver.NotificationUrl,
            resource = $"users/{userId}/messages?$select=Subject,bodyPreview,importance,receivedDateTime,from",
            expirationDateTime = DateTimeOffset.UtcNow.AddHours(2),
            clientState = "secretClientValue",
            includeResourceData = true,
            encryptionCertificate = Convert.ToBase64String(certificate.Export(X509ContentType.Cert)),
            encryptionCertificateId = "testCertificateId",
        }, timeout.Token);
        var subscription = await created.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
        var subscriptionId = subscription!["id"]!.GetValue<string>();

        await Emulator.DeliverAsync(userId, new { from = "megan@partner.example" }, timeout.Token);
        await NotificationReceiver.WaitUntilAsync(() => FindBody(subscriptionId) is not null, timeout.Token);
        var body = FindBody(subscriptionId)!;
        var item = body["value"]![0]!.AsObject();
        var encrypted = new Microsoft.Graph.Models.ChangeNotificationEncryptedContent
        {
            Data = item["encryptedContent"]!["data"]!.GetValue<string>(),
            DataKey = item["encryptedContent"]!["dataKey"]!.GetValue<string>(),
            DataSignature = item["encryptedContent"]!["dataSignature"]!.GetValue<string>(),
            EncryptionCertificateId = item["encryptedContent"]!["encryptionCertificateId"]!.GetValue<string>(),
            EncryptionCertificateThumbprint = item["encryptedContent"]!["encryptionCertificateThumbprint"]!.GetValue<string>(),
        };
        var decrypted = JsonNode.Parse(await Microsoft.Graph.IDecryptableContentExtensions.DecryptAsync(
            encrypted, (_, _) => Task.FromResult(X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null))))!;

        Assert.Equal(201, (int)created.StatusCode);
        Assert.Equal(JsonShape.Paths(JsonShape.Load("subscription-create-users-messages-rich.response.json")), JsonShape.Paths(subscription));
        Assert.Equal(JsonShape.Paths(JsonShape.Load("notification-message-rich-encrypted.json")), JsonShape.Paths(body));
        Assert.Equal("megan@partner.example", decrypted["from"]!["emailAddress"]!["address"]!.GetValue<string>());
        Assert.Contains("CANARY-SUBJECT-", decrypted["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(decrypted["toRecipients"]);
        Assert.Equal(certificate.Thumbprint, encrypted.EncryptionCertificateThumbprint);
    }

    [Fact]
    public async Task RichNotification_ValidationToken_ValidatesAgainstJwks()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 18);
        using var certificate = TestCertificates.CreateEncryptionCertificate();
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);
        using var created = await http.PostAsJsonAsync("v1.0/subscriptions", new
        {
            changeType = "created",
            notificationUrl = Receiver.NotificationUrl,
            resource = $"users/{userId}/messages?$select=from",
            expirationDateTime = DateTimeOffset.UtcNow.AddHours(2),
            includeResourceData = true,
            encryptionCertificate = Convert.ToBase64String(certificate.Export(X509ContentType.Cert)),
            encryptionCertificateId = "key-1",
        }, timeout.Token);
        var subscriptionId = (await created.Content.ReadFromJsonAsync<JsonObject>(timeout.Token))!["id"]!.GetValue<string>();
        await Emulator.DeliverAsync(userId, new { from = "x@partner.example" }, timeout.Token);
        await NotificationReceiver.WaitUntilAsync(() => FindBody(subscriptionId) is not null, timeout.Token);
        var token = FindBody(subscriptionId)!["validationTokens"]![0]!.GetValue<string>();
        var keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await http.GetStringAsync("common/discovery/v2.0/keys", timeout.Token));

        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(token, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            ValidAudience = EmulatorInstance.ClientId,
            ValidIssuer = $"https://sts.windows.net/{EmulatorInstance.TenantId}/",
            IssuerSigningKeys = keys.GetSigningKeys(),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("0bf30f3b-4a52-48df-9a82-234910c4a086", result.Claims["azp"]);
        Assert.Equal("0bf30f3b-4a52-48df-9a82-234910c4a086", result.Claims["appid"]);
        Assert.Superset(JsonShape.Paths(JsonShape.Load("validationtoken-jwt-claims.json")).Except(["aio"]).ToHashSet(), result.Claims.Keys.ToHashSet());
    }

    [Fact]
    public async Task BasicNotification_MatchesOutlookSampleShape()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 13);
        var subscriptionId = await SubscribeAsync(userId, lifecycle: false, timeout.Token);

        await Emulator.DeliverAsync(userId, new { from = "x@partner.example" }, timeout.Token);
        await NotificationReceiver.WaitUntilAsync(() => FindBody(subscriptionId) is not null, timeout.Token);

        Assert.Equal(JsonShape.Paths(JsonShape.Load("notification-message-basic-outlook.json")), JsonShape.Paths(FindBody(subscriptionId)));
    }

    [Fact]
    public async Task LifecycleNotifications_MatchSampleShapes()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 14);
        var subscriptionId = await SubscribeAsync(userId, lifecycle: true, timeout.Token);

        (await Emulator.Admin.PostAsync($"subscriptions/{subscriptionId}/reauthorization-required", null, timeout.Token)).EnsureSuccessStatusCode();
        (await Emulator.Admin.PostAsync($"subscriptions/{subscriptionId}/missed", null, timeout.Token)).EnsureSuccessStatusCode();
        (await Emulator.Admin.PostAsync($"subscriptions/{subscriptionId}/remove", null, timeout.Token)).EnsureSuccessStatusCode();
        await NotificationReceiver.WaitUntilAsync(() => Lifecycle(subscriptionId, "subscriptionRemoved") is not null, timeout.Token);
        await NotificationReceiver.WaitUntilAsync(() => Lifecycle(subscriptionId, "missed") is not null, timeout.Token);
        await NotificationReceiver.WaitUntilAsync(() => Lifecycle(subscriptionId, "reauthorizationRequired") is not null, timeout.Token);

        Assert.Equal(JsonShape.Paths(JsonShape.Load("lifecycle-reauthorizationRequired.json")), JsonShape.Paths(Lifecycle(subscriptionId, "reauthorizationRequired")));
        Assert.Equal(JsonShape.Paths(JsonShape.Load("lifecycle-missed.json")), JsonShape.Paths(Lifecycle(subscriptionId, "missed")));
        Assert.Equal(JsonShape.Paths(JsonShape.Load("lifecycle-subscriptionRemoved.json")), JsonShape.Paths(Lifecycle(subscriptionId, "subscriptionRemoved")));
    }

    [Fact]
    public async Task MessageDelta_Pages_MatchSampleShapes()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 15);
        for (var i = 0; i < 7; i++)
        {
            await Emulator.DeliverAsync(userId, new { from = $"s{i}@partner.example" }, timeout.Token);
        }

        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);
        var first = await http.GetFromJsonAsync<JsonObject>($"v1.0/users/{userId}/mailFolders('inbox')/messages/delta()?$select=subject,isRead,sender", timeout.Token);
        var last = await http.GetFromJsonAsync<JsonObject>(first!["@odata.nextLink"]!.GetValue<string>(), timeout.Token);

        Assert.Equal(JsonShape.Paths(JsonShape.Load("message-delta-round1-page1-nextlink.json")), JsonShape.Paths(first));
        Assert.Equal(JsonShape.Paths(JsonShape.Load("message-delta-round1-page3-deltalink.json")), JsonShape.Paths(last));
    }

    [Fact]
    public async Task MailFolderDelta_Page_ContainsSampleShape()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 15);
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);

        var page = await http.GetFromJsonAsync<JsonObject>($"v1.0/users/{userId}/mailFolders/delta()", timeout.Token);

        Assert.Superset(JsonShape.Paths(JsonShape.Load("mailfolder-delta-nextlink.response.json")), JsonShape.Paths(page));
    }

    [Fact]
    public async Task MessageRule_Get_MatchesSampleShape()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 16);
        using var added = await Emulator.Admin.PostAsJsonAsync(
            $"mailboxes/{userId}/rules",
            new { displayName = "From partner", senderContains = new[] { "ADELE" }, forwardTo = new[] { "AlexW@contoso.example" }, stopProcessingRules = true },
            timeout.Token);
        var ruleId = (await added.Content.ReadFromJsonAsync<JsonObject>(timeout.Token))!["id"]!.GetValue<string>();
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);

        var rule = await http.GetFromJsonAsync<JsonObject>($"v1.0/users/{userId}/mailFolders/inbox/messageRules/{ruleId}", timeout.Token);
        var list = await http.GetFromJsonAsync<JsonObject>($"v1.0/users/{userId}/mailFolders/inbox/messageRules", timeout.Token);

        Assert.Equal(JsonShape.Paths(JsonShape.Load("messagerule-get.response.json")), JsonShape.Paths(rule));
        var listSample = JsonShape.Paths(JsonShape.Load("messagerules-list.response.json"))
            .Where(p => !p.Contains("subjectContains", StringComparison.Ordinal) && !p.EndsWith(".delete", StringComparison.Ordinal))
            .ToHashSet();
        Assert.Superset(listSample, JsonShape.Paths(list));
        Assert.Contains("value[].actions.forwardTo[].emailAddress.address", JsonShape.Paths(list));
    }

    [Fact]
    public async Task Errors_410And429_MatchSampleShapes()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var userId = await Emulator.FirstUserIdAsync(timeout.Token, index: 17);
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(timeout.Token);
        var first = await http.GetFromJsonAsync<JsonObject>($"v1.0/users/{userId}/mailFolders/inbox/messages/delta", timeout.Token);
        (await Emulator.Admin.PostAsync("faults/expire-delta-links", null, timeout.Token)).EnsureSuccessStatusCode();

        using var gone = await http.GetAsync(first!["@odata.deltaLink"]!.GetValue<string>(), timeout.Token);
        var goneBody = await gone.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
        using var storm = await Emulator.Admin.PostAsJsonAsync("faults/throttle", new { duration = "00:00:30", retryAfterForm = "FractionalSeconds" }, timeout.Token);
        HttpResponseMessage throttled;
        try
        {
            throttled = await http.GetAsync("v1.0/users", timeout.Token);
        }
        finally
        {
            await Emulator.Admin.PostAsJsonAsync("faults/throttle", new { duration = "00:00:00" }, timeout.Token);
        }

        using (throttled)
        {
            var throttledBody = await throttled.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
            Assert.Equal(410, (int)gone.StatusCode);
            Assert.Equal("application/json", gone.Content.Headers.ContentType?.MediaType);
            Assert.Superset(JsonShape.Paths(JsonShape.Load("error-410-syncstatenotfound-docs-issue-2350.envelope.json")["body"]), JsonShape.Paths(goneBody));
            Assert.Equal(429, (int)throttled.StatusCode);
            Assert.Equal("2.128", throttled.Headers.GetValues("Retry-After").Single());
            Assert.Equal(JsonShape.Paths(JsonShape.Load("error-429-throttled.response.json")), JsonShape.Paths(throttledBody));
        }
    }

    private async Task<string> SubscribeAsync(string userId, bool lifecycle, CancellationToken cancellationToken)
    {
        using var http = await Emulator.CreateAuthorizedHttpClientAsync(cancellationToken);
        using var response = await http.PostAsJsonAsync("v1.0/subscriptions", new
        {
            changeType = "created,updated",
            notificationUrl = Receiver.NotificationUrl,
            lifecycleNotificationUrl = lifecycle ? Receiver.LifecycleUrl : null,
            resource = $"Users('{userId}')/messages",
            expirationDateTime = DateTimeOffset.UtcNow.AddHours(2),
            clientState = "state",
        }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["id"]!.GetValue<string>();
    }

    private JsonObject? FindBody(string subscriptionId) =>
        Receiver.Notifications.FirstOrDefault(n => n["value"]![0]!["subscriptionId"]!.GetValue<string>() == subscriptionId);

    /// <summary>Finds a lifecycle item and wraps it alone in a collection, as the samples show one.</summary>
    private JsonObject? Lifecycle(string subscriptionId, string lifecycleEvent)
    {
        var item = Receiver.LifecycleNotifications
            .SelectMany(n => n["value"]!.AsArray())
            .FirstOrDefault(n => n!["subscriptionId"]!.GetValue<string>() == subscriptionId
                && n["lifecycleEvent"]!.GetValue<string>() == lifecycleEvent);
        return item is null ? null : new JsonObject { ["value"] = new JsonArray(item.DeepClone()) };
    }
}
