using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Outlook.Benchmarks.Infrastructure;
using Outlook.Benchmarks.Load;
using Outlook.Contracts;
using Outlook.Contracts.Events;
using Outlook.Worker.Normalization;

namespace Outlook.Benchmarks.Suites;

/// <summary>
/// The worker's CPU work per pre-enriched record, without Kafka or Redis: the normaliser alone,
/// and record JSON in to event JSON out (what the consume loop adds around it besides I/O).
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Performance", "CA1515:Consider making public types internal", Justification = "BenchmarkDotNet runs public classes only.")]
public class NormalizerBenchmarks
{
    private readonly TenantContext _tenant = new(LocalStack.TenantId, LocalStack.DomainId, new TenantDomains([LocalStack.InternalDomain]));
    private NormalizationInput _input = null!;
    private byte[] _recordJson = [];

    [GlobalSetup]
    public void Setup()
    {
        var payloads = new NotificationPayloads(1000, "bdn");
        var record = NotificationRecords.Create(payloads, 12345, DateTimeOffset.UtcNow);
        _recordJson = JsonSerializer.SerializeToUtf8Bytes(record, NotificationJsonContext.Default.NotificationRecord);
        _input = new NormalizationInput(record, _tenant, Owner(record));
    }

    [Benchmark(Baseline = true)]
    public object Normalize() => EventNormalizer.Normalize(_input);

    [Benchmark]
    public int DeserializeNormalizeSerialize()
    {
        var record = JsonSerializer.Deserialize(_recordJson, NotificationJsonContext.Default.NotificationRecord)!;
        var result = EventNormalizer.Normalize(new NormalizationInput(record, _tenant, Owner(record)));
        return result.Event is { } normalized
            ? JsonSerializer.SerializeToUtf8Bytes(normalized, EventJsonContext.Default.NormalizedEvent).Length
            : 0;
    }

    private static MailboxIdentity Owner(NotificationRecord record) =>
        new($"{record.MailboxId}@{LocalStack.InternalDomain}", Tuids.Derive(record.TenantId, record.MailboxId), Mapped: true);
}
