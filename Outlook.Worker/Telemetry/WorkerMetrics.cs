using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Outlook.Worker.Telemetry;

/// <summary>The worker's instruments, all on the "Outlook.Worker" meter.</summary>
internal sealed class WorkerMetrics
{
    public const string MeterName = "Outlook.Worker";

    private readonly Counter<long> _events;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _graphRequests;
    private readonly Histogram<double> _graphDuration;
    private readonly Counter<long> _notFound;
    private readonly Counter<long> _throttled;
    private readonly Histogram<double> _throttleWait;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _unmappedUsers;
    private readonly Histogram<double> _endToEnd;
    private readonly ConcurrentDictionary<int, long> _lagByPartition = new();

    public WorkerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>("outlook.worker.events", "{event}", "Events published to outlook.events, by action.");
        _skipped = meter.CreateCounter<long>("outlook.worker.records.skipped", "{record}", "Valid records that produce no event (lifecycle, folder updates without a rename).");
        _graphRequests = meter.CreateCounter<long>("outlook.worker.graph.requests", "{request}", "Message fetches sent to Graph, by outcome.");
        _graphDuration = meter.CreateHistogram<double>("outlook.worker.graph.duration", "s", "Duration of one message fetch from Graph.");
        _notFound = meter.CreateCounter<long>("outlook.worker.graph.not_found", "{request}", "Message fetches that returned 404; the event is published without enrichment.");
        _throttled = meter.CreateCounter<long>("outlook.worker.graph.throttled", "{response}", "Graph 429 responses.");
        _throttleWait = meter.CreateHistogram<double>("outlook.worker.graph.throttle_wait", "s", "Time waited before retrying a throttled or failed fetch.");
        _deadLetters = meter.CreateCounter<long>("outlook.worker.deadletters", "{record}", "Records sent to outlook.deadletter, by reason category.");
        _unmappedUsers = meter.CreateCounter<long>("outlook.worker.identity.unmapped", "{event}", "Events whose mailbox owner had no identity map entry, so the TUID was derived.");
        _endToEnd = meter.CreateHistogram<double>("outlook.worker.end_to_end.duration", "s", "Time from the webhook receiving a change to its event being acknowledged by Kafka.");
        meter.CreateObservableGauge("outlook.worker.consumer.lag", ObserveLag, "{record}", "Records between the consumer position and the high watermark, per partition.");
    }

    public void EventPublished(string action) => _events.Add(1, new KeyValuePair<string, object?>("action", action));

    public void RecordSkipped(string kind) => _skipped.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void GraphRequest(string outcome, TimeSpan duration)
    {
        _graphRequests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _graphDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void NotFound() => _notFound.Add(1);

    public void Throttled() => _throttled.Add(1);

    public void RetryWait(TimeSpan wait, string cause) =>
        _throttleWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("cause", cause));

    public void DeadLettered(string category) => _deadLetters.Add(1, new KeyValuePair<string, object?>("category", category));

    public void UnmappedUser() => _unmappedUsers.Add(1);

    public void EndToEnd(TimeSpan latency) => _endToEnd.Record(latency.TotalSeconds);

    public void SetLag(int partition, long lag) => _lagByPartition[partition] = lag;

    public void ForgetLag(int partition) => _lagByPartition.TryRemove(partition, out _);

    private IEnumerable<Measurement<long>> ObserveLag() =>
        _lagByPartition.Select(entry => new Measurement<long>(entry.Value, new KeyValuePair<string, object?>("partition", entry.Key)));
}
