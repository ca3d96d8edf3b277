using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Outlook.GraphEmulator;

/// <summary>The emulator's Meter and ActivitySource, both named "Outlook.GraphEmulator".</summary>
public sealed class EmulatorTelemetry : IDisposable
{
    public const string Name = "Outlook.GraphEmulator";

    private readonly Meter _meter;

    public EmulatorTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        NotificationsDelivered = _meter.CreateCounter<long>("outlook.emulator.notifications.delivered", "{notification}", "Notification items acknowledged by a subscriber.");
        NotificationsFailed = _meter.CreateCounter<long>("outlook.emulator.notifications.failed", "{notification}", "Notification items given up after the last attempt.");
        NotificationsDropped = _meter.CreateCounter<long>("outlook.emulator.notifications.dropped", "{notification}", "Notification items dropped by a fault.");
        DeliveryRetries = _meter.CreateCounter<long>("outlook.emulator.delivery.retries", "{request}", "Repeated notification POSTs.");
        MessagesReplayed = _meter.CreateCounter<long>("outlook.emulator.replay.messages", "{message}", "Corpus records delivered as messages.");
        RequestsThrottled = _meter.CreateCounter<long>("outlook.emulator.requests.throttled", "{request}", "Graph requests rejected with 429.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public Counter<long> NotificationsDelivered { get; }

    public Counter<long> NotificationsFailed { get; }

    public Counter<long> NotificationsDropped { get; }

    public Counter<long> DeliveryRetries { get; }

    public Counter<long> MessagesReplayed { get; }

    public Counter<long> RequestsThrottled { get; }

    public void Dispose() => _meter.Dispose();
}
