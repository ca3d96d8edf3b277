using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.Contracts.Events;
using Outlook.ServiceDefaults.Graph;
using Outlook.Tests.GraphEmulator;
using Outlook.Worker;
using Outlook.Worker.Enrichment;
using Outlook.Worker.Identity;
using Outlook.Worker.Normalization;
using Outlook.Worker.Processing;
using Outlook.Worker.Telemetry;

namespace Outlook.Tests.Worker;

/// <summary>
/// Basic (ids-only) notifications enriched through the Graph emulator with the connector's own
/// Graph client (Azure.Identity token, self-signed certificate trusted by thumbprint).
/// </summary>
public sealed class WorkerEmulatorTests : IClassFixture<EmulatorFixture>, IClassFixture<WorkerPipelineFixture>, IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    private readonly EmulatorFixture _emulator;
    private readonly WorkerPipelineFixture _infrastructure;
    private readonly ServiceProvider _services;

    public WorkerEmulatorTests(EmulatorFixture emulator, WorkerPipelineFixture infrastructure)
    {
        _emulator = emulator;
        _infrastructure = infrastructure;
        _services = new ServiceCollection()
            .AddMetrics()
            .Configure<TenantsOptions>(options => options.Tenants.Add(EmulatorTenant()))
            .AddSingleton<GraphClientProvider>()
            .BuildServiceProvider();
    }

    private EmulatorInstance Emulator => _emulator.Emulator;

    private TenantOptions EmulatorTenant()
    {
        var tenant = new TenantOptions
        {
            TenantId = EmulatorInstance.TenantId,
            ClientId = EmulatorInstance.ClientId,
            ClientSecret = EmulatorInstance.ClientSecret,
            DomainId = "emulated-domain",
            AuthorityHost = new Uri(_emulator.Emulator.BaseUrl + "/"),
            GraphBaseUrl = new Uri(_emulator.Emulator.BaseUrl + "/v1.0"),
            TrustedCertificateThumbprint = _emulator.Emulator.Thumbprint,
        };
        tenant.InternalDomains.Add("enron.com");
        return tenant;
    }

    private System.Diagnostics.Metrics.IMeterFactory MeterFactory => _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    private RecordPreparer CreatePreparer()
    {
        var metrics = new WorkerMetrics(MeterFactory);
        var tenants = _services.GetRequiredService<IOptionsMonitor<TenantsOptions>>();
        var options = Options.Create(new WorkerOptions { InitialBackoff = TimeSpan.FromMilliseconds(100) });
        var enricher = new MessageEnricher(metrics, TimeProvider.System, options, NullLogger<MessageEnricher>.Instance);
        return new RecordPreparer(tenants, new IdentityResolver(_infrastructure.Redis, new RedisReadRetry(NullLogger<RedisReadRetry>.Instance), metrics), _services.GetRequiredService<GraphClientProvider>(), enricher);
    }

    private async Task<(string UserId, string Address)> MailboxAsync(int index, CancellationToken cancellationToken)
    {
        var mailboxes = await Emulator.Admin.GetFromJsonAsync<JsonArray>("mailboxes", cancellationToken);
        var mailbox = mailboxes![index]!;
        return (mailbox["userId"]!.GetValue<string>(), mailbox["address"]!.GetValue<string>());
    }

    /// <summary>Builds the record the webhook produces from a basic notification: ids and etag only.</summary>
    private static ConsumeResult<string, byte[]> BasicNotification(string userId, string messageId, string? etag) => new()
    {
        Topic = Topics.Notifications,
        Partition = 0,
        Offset = 1,
        Message = new Message<string, byte[]>
        {
            Key = NotificationRecord.PartitionKey(EmulatorInstance.TenantId, userId),
            Value = JsonSerializer.SerializeToUtf8Bytes(new NotificationRecord
            {
                Kind = RecordKinds.Message,
                Origin = RecordOrigins.Webhook,
                TenantId = EmulatorInstance.TenantId,
                MailboxId = userId,
                ChangeType = "created",
                Resource = $"Users/{userId}/Messages/{messageId}",
                ResourceId = messageId,
                ReceivedAt = DateTimeOffset.UtcNow,
                ChangeKey = ChangeKeys.ForMessage(EmulatorInstance.TenantId, userId, messageId, "created", etag),
                ResourceData = JsonSerializer.SerializeToElement(new JsonObject
                {
                    ["@odata.type"] = "#Microsoft.Graph.Message",
                    ["id"] = messageId,
                    ["@odata.etag"] = etag,
                }),
            }, NotificationJsonContext.Default.NotificationRecord),
        },
    };

    private Task<(NormalizedEvent Event, string Json)> ProcessAsync(ConsumeResult<string, byte[]> consumed, CancellationToken cancellationToken) =>
        ProcessAsync(CreatePreparer(), consumed, cancellationToken);

    private static async Task<(NormalizedEvent Event, string Json)> ProcessAsync(RecordPreparer preparer, ConsumeResult<string, byte[]> consumed, CancellationToken cancellationToken)
    {
        var prepared = await preparer.PrepareAsync(consumed, cancellationToken);
        Assert.True(prepared.Input is not null, prepared.FailureReason);
        var normalized = EventNormalizer.Normalize(prepared.Input).Event!;
        return (normalized, JsonSerializer.Serialize(normalized, EventJsonContext.Default.NormalizedEvent));
    }

    [Fact]
    public async Task Worker_BasicNotification_IsEnrichedFromEmulator()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var (userId, address) = await MailboxAsync(2, timeout.Token);
        await _infrastructure.Redis.GetDatabase().HashSetAsync(RedisKeys.Identity(EmulatorInstance.TenantId, userId), [new("address", address), new("tuid", "tuid-emulated-2")]);
        var delivered = await Emulator.DeliverAsync(userId, new { from = "partner@partner.example", to = new[] { address, "colleague@enron.com" }, cc = new[] { "x@other.example" }, importance = "high", attachments = 2 }, timeout.Token);

        var (normalized, json) = await ProcessAsync(BasicNotification(userId, delivered["id"]!.GetValue<string>(), delivered["etag"]?.GetValue<string>()), timeout.Token);

        Assert.Equal(EventActions.EmailReceived, normalized.Payload.Action);
        Assert.Equal("tuid-emulated-2", normalized.Tuid);
        Assert.Equal(address, normalized.Payload.User);
        Assert.Equal("emulated-domain", normalized.DomainId);
        Assert.Equal("partner.example", normalized.Payload.FromDomain);
        Assert.True(normalized.Payload.IsExternalSender);
        Assert.Equal(3, normalized.Payload.RecipientCount);
        Assert.Equal(["other.example"], normalized.Payload.CcDomains);
        Assert.Equal("high", normalized.Payload.Importance);
        Assert.True(normalized.Payload.HasAttachments);
        Assert.Null(normalized.RawMetadata.Enriched);
        Assert.NotNull(normalized.RawMetadata.InternetMessageId);
        Assert.DoesNotContain("CANARY", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_MessageGoneBeforeFetch_IsPublishedNotEnriched()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var (userId, _) = await MailboxAsync(3, timeout.Token);
        using var notFound = new MetricCollector<long>(MeterFactory, WorkerMetrics.MeterName, "outlook.worker.graph.not_found");

        var (normalized, _) = await ProcessAsync(BasicNotification(userId, "AAMkAGone-message-id", "W/\"gone\""), timeout.Token);

        Assert.False(normalized.RawMetadata.Enriched);
        Assert.Equal("AAMkAGone-message-id", normalized.PlatformEventId);
        Assert.Equal(1, notFound.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Theory]
    [InlineData("Seconds")]
    [InlineData("FractionalSeconds")]
    [InlineData("HttpDate")]
    public async Task Worker_EmulatorThrottles_WaitsAndEnriches(string retryAfterForm)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var (userId, address) = await MailboxAsync(4, timeout.Token);
        var delivered = await Emulator.DeliverAsync(userId, new { from = "partner@partner.example", to = new[] { address } }, timeout.Token);
        var notification = BasicNotification(userId, delivered["id"]!.GetValue<string>(), delivered["etag"]?.GetValue<string>());
        var preparer = CreatePreparer();

        // The first fetch acquires the access token, which can outlast a short throttle window.
        await preparer.PrepareAsync(notification, timeout.Token);
        using var throttled = new MetricCollector<long>(MeterFactory, WorkerMetrics.MeterName, "outlook.worker.graph.throttled");
        using var throttle = await Emulator.Admin.PostAsJsonAsync("faults/throttle", new { duration = "00:00:01", retryAfterForm }, timeout.Token);
        throttle.EnsureSuccessStatusCode();

        var (normalized, _) = await ProcessAsync(preparer, notification, timeout.Token);

        Assert.Equal("partner.example", normalized.Payload.FromDomain);
        Assert.Null(normalized.RawMetadata.Enriched);
        Assert.True(throttled.GetMeasurementSnapshot().EvaluateAsCounter() >= 1);
    }

    public void Dispose() => _services.Dispose();
}
