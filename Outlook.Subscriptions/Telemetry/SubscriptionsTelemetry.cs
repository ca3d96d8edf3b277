using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Outlook.Subscriptions.Telemetry;

/// <summary>The service's Meter and ActivitySource, and the instruments it records.</summary>
public sealed class SubscriptionsTelemetry : IDisposable
{
    public const string Name = "Outlook.Subscriptions";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public SubscriptionsTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Mailboxes = _meter.CreateGauge<long>("outlook.subscriptions.mailboxes", "{mailbox}", "Mailboxes watched per tenant.");
        SubscriptionsByState = _meter.CreateGauge<long>("outlook.subscriptions.subscriptions", "{subscription}", "Subscriptions per tenant and state.");
        Created = _meter.CreateCounter<long>("outlook.subscriptions.created", "{subscription}", "Subscriptions created.");
        Renewals = _meter.CreateCounter<long>("outlook.subscriptions.renewals", "{subscription}", "Subscriptions renewed.");
        Recreations = _meter.CreateCounter<long>("outlook.subscriptions.recreations", "{subscription}", "Subscriptions recreated after Graph removed them.");
        CatchUps = _meter.CreateCounter<long>("outlook.subscriptions.catchups", "{catchup}", "Delta catch-ups run per mailbox.");
        CatchUpRecords = _meter.CreateCounter<long>("outlook.subscriptions.catchup.records", "{record}", "Message changes found by catch-up and produced.");
        FolderChanges = _meter.CreateCounter<long>("outlook.subscriptions.folder.changes", "{record}", "Folder changes produced.");
        RuleChanges = _meter.CreateCounter<long>("outlook.subscriptions.rule.changes", "{record}", "Inbox rule changes produced.");
        Throttled = _meter.CreateCounter<long>("outlook.subscriptions.graph.throttled", "{response}", "Graph responses with status 429 or 503.");
        ThrottleWait = _meter.CreateHistogram<double>("outlook.subscriptions.graph.throttle.wait", "s", "Time waited before retrying a throttled Graph request.");
    }

    public Gauge<long> Mailboxes { get; }

    public Gauge<long> SubscriptionsByState { get; }

    public Counter<long> Created { get; }

    public Counter<long> Renewals { get; }

    public Counter<long> Recreations { get; }

    public Counter<long> CatchUps { get; }

    public Counter<long> CatchUpRecords { get; }

    public Counter<long> FolderChanges { get; }

    public Counter<long> RuleChanges { get; }

    public Counter<long> Throttled { get; }

    public Histogram<double> ThrottleWait { get; }

    public static KeyValuePair<string, object?> Tenant(string tenantId) => new("outlook.tenant_id", tenantId);

    public void Dispose() => _meter.Dispose();
}
