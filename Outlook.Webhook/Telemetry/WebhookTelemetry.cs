using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Outlook.Webhook.Telemetry;

/// <summary>The webhook's one Meter and one ActivitySource, both named "Outlook.Webhook".</summary>
internal sealed class WebhookTelemetry : IDisposable
{
    public const string Name = "Outlook.Webhook";

    public WebhookTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        Received = meter.CreateCounter<long>("outlook.webhook.notifications.received", "{notification}", "Notifications received, valid or not.");
        Accepted = meter.CreateCounter<long>("outlook.webhook.notifications.accepted", "{notification}", "Notifications produced to Kafka.");
        Rejected = meter.CreateCounter<long>("outlook.webhook.notifications.rejected", "{notification}", "Notifications rejected, by reason.");
        Duplicates = meter.CreateCounter<long>("outlook.webhook.notifications.duplicates", "{notification}", "Notifications already produced earlier or twice in one request.");
        ProduceDuration = meter.CreateHistogram<double>("outlook.webhook.produce.duration", "s", "Time from the first produce call of a request to Kafka's last acknowledgement.");
        RequestDuration = meter.CreateHistogram<double>("outlook.webhook.request.duration", "s", "Time to respond to a notification request.");
    }

    public ActivitySource ActivitySource { get; } = new(Name);

    public Counter<long> Received { get; }

    public Counter<long> Accepted { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> Duplicates { get; }

    public Histogram<double> ProduceDuration { get; }

    public Histogram<double> RequestDuration { get; }

    public void Reject(string reason, int count = 1) =>
        Rejected.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => ActivitySource.Dispose();
}
