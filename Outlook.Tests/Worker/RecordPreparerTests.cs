using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Graph;
using Outlook.Tests.Common;
using Outlook.Worker;
using Outlook.Worker.Enrichment;
using Outlook.Worker.Identity;
using Outlook.Worker.Processing;
using Outlook.Worker.Telemetry;

namespace Outlook.Tests.Worker;

public sealed class RecordPreparerTests(WorkerPipelineFixture fixture) : IClassFixture<WorkerPipelineFixture>, IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddMetrics()
        .Configure<TenantsOptions>(options =>
        {
            var tenant = new TenantOptions { TenantId = WorkerTestData.GoldenTenantId, DomainId = "customer-domain-001", ClientId = "c", ClientSecret = "s" };
            tenant.InternalDomains.Add("acme.com");
            options.Tenants.Add(tenant);
        })
        .BuildServiceProvider();

    private RecordPreparer CreatePreparer()
    {
        var metrics = new WorkerMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var tenants = _services.GetRequiredService<IOptionsMonitor<TenantsOptions>>();
        var enricher = new MessageEnricher(metrics, TimeProvider.System, Options.Create(new WorkerOptions()), NullLogger<MessageEnricher>.Instance);
        return new RecordPreparer(tenants, new IdentityResolver(fixture.Redis, new RedisReadRetry(NullLogger<RedisReadRetry>.Instance), metrics), new GraphClientProvider(tenants), enricher);
    }

    private static ConsumeResult<string, byte[]> Consumed(byte[] value) => new()
    {
        Topic = Topics.Notifications,
        Partition = 0,
        Offset = 42,
        Message = new Message<string, byte[]> { Key = "k", Value = value },
    };

    private static byte[] Record(string tenantId, string kind, string? changeType = "created", string? resourceDataJson = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new NotificationRecord
        {
            Kind = kind,
            Origin = RecordOrigins.Webhook,
            TenantId = tenantId,
            MailboxId = WorkerTestData.GoldenUserId,
            ChangeType = changeType,
            ResourceId = "msg-1",
            ReceivedAt = DateTimeOffset.UtcNow,
            ChangeKey = "change-key-1",
            ResourceData = resourceDataJson is null ? null : JsonDocument.Parse(resourceDataJson).RootElement,
        }, NotificationJsonContext.Default.NotificationRecord);

    private async Task<PreparedRecord> PrepareAsync(byte[] value)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        return await CreatePreparer().PrepareAsync(Consumed(value), timeout.Token);
    }

    [Fact]
    public async Task Preparer_MalformedJson_FailsAsInvalidRecord()
    {
        var prepared = await PrepareAsync(Encoding.UTF8.GetBytes("{\"kind\": 42"));

        Assert.Equal("invalid_record", prepared.FailureCategory);
        Assert.Null(prepared.Input);
    }

    [Fact]
    public async Task Preparer_MissingRequiredFields_FailsAsInvalidRecord()
    {
        var prepared = await PrepareAsync(Encoding.UTF8.GetBytes("{\"kind\":\"message\"}"));

        Assert.Equal("invalid_record", prepared.FailureCategory);
    }

    [Fact]
    public async Task Preparer_UnknownTenant_FailsNamingTenant()
    {
        var prepared = await PrepareAsync(Record("tenant-nobody-configured", RecordKinds.Message, resourceDataJson: """{"isRead":true}"""));

        Assert.Equal("unknown_tenant", prepared.FailureCategory);
        Assert.Contains("tenant-nobody-configured", prepared.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preparer_Lifecycle_IsSkipped()
    {
        var prepared = await PrepareAsync(Record(WorkerTestData.GoldenTenantId, RecordKinds.Lifecycle, changeType: null));

        Assert.NotNull(prepared.SkipReason);
        Assert.Null(prepared.FailureReason);
    }

    [Fact]
    public async Task Preparer_InlineMetadata_SkipsFetch()
    {
        await fixture.Redis.GetDatabase().HashSetAsync(
            RedisKeys.Identity(WorkerTestData.GoldenTenantId, WorkerTestData.GoldenUserId),
            [new("address", "jane.doe@acme.com"), new("tuid", "tuid-jane-doe-001")]);

        var prepared = await PrepareAsync(Record(WorkerTestData.GoldenTenantId, RecordKinds.Message, resourceDataJson: """{"isRead":true,"from":{"emailAddress":{"address":"a@b.com"}}}"""));

        Assert.Null(prepared.FailureReason);
        Assert.Equal("tuid-jane-doe-001", prepared.Input?.Owner.Tuid);
        Assert.Null(prepared.Input?.FetchedMetadata);
    }

    [Fact]
    public async Task Preparer_UnmappedUser_GetsDerivedTuid()
    {
        var prepared = await PrepareAsync(JsonSerializer.SerializeToUtf8Bytes(
            JsonSerializer.Deserialize(Record(WorkerTestData.GoldenTenantId, RecordKinds.Folder, resourceDataJson: """{"id":"f1"}"""), NotificationJsonContext.Default.NotificationRecord)! with { MailboxId = "someone-unmapped" },
            NotificationJsonContext.Default.NotificationRecord));

        Assert.Equal(Tuids.Derive(WorkerTestData.GoldenTenantId, "someone-unmapped"), prepared.Input?.Owner.Tuid);
        Assert.False(prepared.Input?.Owner.Mapped);
    }

    [Fact]
    public void Preparer_IdsOnlyMessage_NeedsFetch()
    {
        var record = JsonSerializer.Deserialize(Record(WorkerTestData.GoldenTenantId, RecordKinds.Message, resourceDataJson: """{"@odata.etag":"W/1","id":"msg-1"}"""), NotificationJsonContext.Default.NotificationRecord)!;

        Assert.Equal("msg-1", RecordPreparer.NeedsFetch(record));
    }

    public void Dispose() => _services.Dispose();
}
