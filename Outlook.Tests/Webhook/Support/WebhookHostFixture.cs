using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Outlook.Contracts;
using Outlook.Tests.Common;
using Outlook.Webhook.Options;
using StackExchange.Redis;

namespace Outlook.Tests.Webhook.Support;

/// <summary>
/// The webhook hosted in-process against a real redis-server and librdkafka's mock Kafka
/// cluster, with a tenant, validation-token keys and a decryption certificate of its own.
/// </summary>
public class WebhookHostFixture : IAsyncLifetime
{
    public const string TenantId = "7a1e0c55-3f27-4a55-9a5e-1d3c2b6e8f10";
    public const string ClientId = "3c2f8f6e-5b0a-4d43-8f5e-6b1b4a7d2c91";
    public const string CertificateId = "webhook-tests-certificate";
    public const int MaxRequestBodyBytes = 64 * 1024;
    public const int MaxNotificationsPerRequest = 50;
    public const int MaxJsonDepth = 16;
    private const string CertificatePassword = "webhook-tests";

    private WebApplicationFactory<WebhookOptions>? _factory;
    private string? _pfxPath;

    internal RedisServer Redis { get; private set; } = null!;

    internal MockKafkaCluster Kafka { get; private set; } = null!;

    internal ValidationTokens Tokens { get; } = new();

    internal X509Certificate2 Certificate { get; } = GraphEncryption.CreateCertificate();

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Every log record the webhook wrote, at the levels its configuration lets through.</summary>
    public FakeLogCollector Logs { get; } = new();

    public IDatabase Database => Redis.Connection.GetDatabase();

    /// <summary>The webhook's own service provider.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The webhook has not started.");

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        // The subscription manager sets this once it has written the tenant's subscriptions.
        await Database.StringSetAsync(RedisKeys.StateMarker(TenantId), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Kafka = new MockKafkaCluster();
        _pfxPath = GraphEncryption.WritePfx(Certificate, CertificatePassword);

        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = Redis.ConnectionString,
            ["ConnectionStrings:kafka"] = await KafkaAddressAsync(Kafka.BootstrapServers),
            // Reconnect quickly, so a cluster that comes back is used within one produce timeout.
            ["Kafka:Producer:reconnect.backoff.max.ms"] = "200",
            ["Outlook:Tenants:0:TenantId"] = TenantId,
            ["Outlook:Tenants:0:ClientId"] = ClientId,
            ["Webhook:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture),
            ["Webhook:MaxNotificationsPerRequest"] = MaxNotificationsPerRequest.ToString(CultureInfo.InvariantCulture),
            ["Webhook:MaxJsonDepth"] = MaxJsonDepth.ToString(CultureInfo.InvariantCulture),
            ["Webhook:ValidationTokens:Jwks"] = Tokens.Jwks(),
            ["Webhook:Decryption:Certificates:0:Id"] = CertificateId,
            ["Webhook:Decryption:Certificates:0:Path"] = _pfxPath,
            ["Webhook:Decryption:Certificates:0:Password"] = CertificatePassword,
        };

        _factory = new WebApplicationFactory<WebhookOptions>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)));
        });
        Client = _factory.CreateClient();
    }

    /// <summary>The address the webhook is given for Kafka; the mock cluster itself unless a test puts something in between.</summary>
    protected virtual Task<string> KafkaAddressAsync(string bootstrapServers) => Task.FromResult(bootstrapServers);

    /// <summary>Stores a subscription and the tenant's state marker, as the subscription manager does.</summary>
    public async Task SeedSubscriptionAsync(string subscriptionId, string clientState, string tenantId = TenantId, string mailboxId = "mailbox-from-subscription")
    {
        await Database.HashSetAsync(RedisKeys.Subscription(subscriptionId),
        [
            new HashEntry("tenantId", tenantId),
            new HashEntry("mailboxId", mailboxId),
            new HashEntry("clientState", clientState),
            new HashEntry("expiresAt", DateTimeOffset.UtcNow.AddDays(2).ToString("O")),
            new HashEntry("resource", $"/users/{mailboxId}/messages"),
        ]);
        await Database.StringSetAsync(RedisKeys.StateMarker(tenantId), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    public Task<HttpResponseMessage> PostAsync(JsonNode body, string path = "/api/notifications") =>
        PostAsync(body.ToJsonString(), path);

    public async Task<HttpResponseMessage> PostAsync(string body, string path = "/api/notifications")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await Client.PostAsync(path, content, timeout.Token);
    }

    internal List<ConsumedRecord> ReadRecords() => KafkaTopicReader.ReadNotifications(Kafka.BootstrapServers);

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Kafka?.Dispose();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        Tokens.Dispose();
        Certificate.Dispose();
        if (_pfxPath is not null)
        {
            File.Delete(_pfxPath);
        }
    }
}
