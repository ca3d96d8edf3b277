using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outlook.Contracts.Events;
using Outlook.Worker;
using Outlook.Worker.Enrichment;
using Outlook.Worker.Normalization;
using Outlook.Worker.Telemetry;

namespace Outlook.Tests.Worker;

public sealed class MessageEnricherTests : IAsyncLifetime
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private ScriptedGraph _graph = null!;
    private WorkerMetrics _metrics = null!;

    public const string CanaryMessage = """
        {
          "id": "msg-canary-1",
          "subject": "Re: status update CANARY-SUBJECT-7f3a",
          "bodyPreview": "Please review. CANARY-PREVIEW-7f3a",
          "body": { "contentType": "html", "content": "<html><body>CANARY-BODY-7f3a</body></html>" },
          "uniqueBody": { "contentType": "html", "content": "CANARY-UNIQUEBODY-7f3a" },
          "attachments": [ { "name": "CANARY-ATTACHMENT-7f3a-1.pdf" } ],
          "receivedDateTime": "2026-03-15T09:15:02Z",
          "sentDateTime": "2026-03-15T09:14:58Z",
          "createdDateTime": "2026-03-15T09:15:00Z",
          "hasAttachments": true,
          "importance": "high",
          "isRead": false,
          "isDraft": false,
          "conversationId": "conv-1",
          "parentFolderId": "inbox-id",
          "from": { "emailAddress": { "name": "Partner", "address": "partner@external.com" } },
          "toRecipients": [ { "emailAddress": { "name": "Jane", "address": "jane.doe@acme.com" } } ],
          "ccRecipients": [],
          "flag": { "flagStatus": "flagged" }
        }
        """;

    public async Task InitializeAsync()
    {
        _graph = await ScriptedGraph.StartAsync();
        _metrics = new WorkerMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
    }

    public async Task DisposeAsync()
    {
        await _graph.DisposeAsync();
        await _services.DisposeAsync();
    }

    private MessageEnricher CreateEnricher(int maxAttempts = 4, TimeSpan? maxRetryAfter = null) => new(
        _metrics,
        TimeProvider.System,
        Options.Create(new WorkerOptions
        {
            MaxFetchAttempts = maxAttempts,
            MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromMinutes(1),
            InitialBackoff = TimeSpan.FromMilliseconds(100),
        }),
        NullLogger<MessageEnricher>.Instance);

    private Task<EnrichmentOutcome> FetchAsync(MessageEnricher enricher)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        return enricher.FetchAsync(_graph.CreateClient(), "user-aad-id-001", "msg-canary-1", timeout.Token);
    }

    [Fact]
    public async Task Enricher_Success_SelectsMetadataFieldsOnly()
    {
        _graph.Enqueue(200, CanaryMessage);

        var outcome = await FetchAsync(CreateEnricher());

        Assert.Equal("high", outcome.Metadata?.Importance);
        var query = Assert.Single(_graph.Requests).Query;
        Assert.Contains("$select=id,createdDateTime", query, StringComparison.Ordinal);
        foreach (var forbidden in new[] { "subject", "body", "bodyPreview", "uniqueBody", "attachments" })
        {
            Assert.DoesNotMatch($"[=,]{forbidden}(,|$)", query);
        }
    }

    [Fact]
    public async Task Enricher_CanaryFieldsInResponse_NeverReachEvent()
    {
        _graph.Enqueue(200, CanaryMessage);

        var outcome = await FetchAsync(CreateEnricher());
        var record = WorkerTestData.FromResource(Contracts.RecordKinds.Message, "created", JsonDocument.Parse("""{"id":"msg-canary-1"}""").RootElement, "msg-canary-1");
        var input = new NormalizationInput(record, WorkerTestData.GoldenTenant(), WorkerTestData.GoldenOwner()) { FetchedMetadata = outcome.Metadata };
        var json = JsonSerializer.Serialize(EventNormalizer.Normalize(input).Event!, EventJsonContext.Default.NormalizedEvent);

        Assert.DoesNotContain("CANARY", json, StringComparison.Ordinal);
        Assert.Contains("\"from_domain\":\"external.com\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enricher_NotFound_ReturnsMissingAndCountsIt()
    {
        using var notFound = new MetricCollector<long>(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), WorkerMetrics.MeterName, "outlook.worker.graph.not_found");
        _graph.Enqueue(404);

        var outcome = await FetchAsync(CreateEnricher());

        Assert.True(outcome.NotFound);
        Assert.Null(outcome.Metadata);
        Assert.Single(_graph.Requests);
        Assert.Equal(1, notFound.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    public static TheoryData<string, double> RetryAfterForms() => new()
    {
        { "1", 1.0 },
        { "1.25", 1.25 },
        { "0.5,1.5", 1.5 },
        { "date+2", 2.0 },
    };

    // Reading the wall clock and the scripted server's clock one after the other leaves them this far apart at most.
    private static readonly TimeSpan ClockMappingTolerance = TimeSpan.FromMilliseconds(2);

    [Theory]
    [MemberData(nameof(RetryAfterForms))]
    public async Task Enricher_Throttled_RetriesNoSoonerThanRetryAfter(string header, double seconds)
    {
        var value = header;
        var earliestRetry = TimeSpan.FromSeconds(seconds);
        DateTimeOffset? retryAt = null;
        if (header.StartsWith("date", StringComparison.Ordinal))
        {
            // An HTTP-date has whole seconds: the retry must wait until that instant.
            var instant = DateTimeOffset.UtcNow.AddSeconds(seconds + 1);
            retryAt = instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));
            value = retryAt.Value.ToString("r", CultureInfo.InvariantCulture);
        }

        _graph.Enqueue(429, null, ("Retry-After", value));
        _graph.Enqueue(200, CanaryMessage);

        var wallClockAt = DateTimeOffset.UtcNow;
        var graphClockAt = _graph.Elapsed;
        var outcome = await FetchAsync(CreateEnricher());

        var requests = _graph.Requests.ToArray();
        if (retryAt is { } due)
        {
            // Measured from the first request's own time: on a busy machine it comes well after the header was made.
            var firstRequestAt = wallClockAt + (requests[0].At - graphClockAt);
            earliestRetry = due - firstRequestAt - ClockMappingTolerance;
        }

        Assert.Equal(2, requests.Length);
        Assert.True(requests[1].At - requests[0].At >= earliestRetry, $"retried after {requests[1].At - requests[0].At}, Retry-After {value}");
        Assert.False(outcome.NotFound);
    }

    [Fact]
    public async Task Enricher_AlwaysThrottled_FailsAfterMaxAttempts()
    {
        for (var i = 0; i < 5; i++)
        {
            _graph.Enqueue(429, null, ("Retry-After", "0.1"));
        }

        await Assert.ThrowsAsync<EnrichmentFailedException>(() => FetchAsync(CreateEnricher(maxAttempts: 2)));

        Assert.Equal(2, _graph.Requests.Count);
    }

    [Fact]
    public async Task Enricher_RetryAfterBeyondMaximum_FailsWithoutRetrying()
    {
        _graph.Enqueue(429, null, ("Retry-After", "3600"));

        var failure = await Assert.ThrowsAsync<EnrichmentFailedException>(() => FetchAsync(CreateEnricher(maxRetryAfter: TimeSpan.FromSeconds(10))));

        Assert.Single(_graph.Requests);
        Assert.Contains("MaxRetryAfter", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enricher_Forbidden_FailsWithoutRetrying()
    {
        _graph.Enqueue(403);

        await Assert.ThrowsAsync<EnrichmentFailedException>(() => FetchAsync(CreateEnricher()));

        Assert.Single(_graph.Requests);
    }
}
