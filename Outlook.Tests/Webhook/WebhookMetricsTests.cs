using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outlook.Tests.Webhook.Support;

namespace Outlook.Tests.Webhook;

/// <summary>A webhook host of its own, so no other test's requests reach the counters.</summary>
public sealed class MetricsFixture : WebhookHostFixture;

public sealed class WebhookMetricsTests(MetricsFixture host) : IClassFixture<MetricsFixture>
{
    [Fact]
    public async Task Webhook_MixedBatch_IsCountedByOutcome()
    {
        var subscriptionId = Notifications.NewId("metrics");
        await host.SeedSubscriptionAsync(subscriptionId, "state");
        var mailbox = Notifications.NewId("mailbox");
        var good = Notifications.Message(subscriptionId, "state", mailbox, "good", etag: "W/\"v1\"");
        var body = Notifications.Collection(
            good,
            Notifications.Message(subscriptionId, "state", mailbox, "good", etag: "W/\"v1\""),
            Notifications.Message(subscriptionId, "wrong", mailbox, "forged"));
        var measurements = new ConcurrentBag<(string Instrument, long Value, string? Reason)>();
        using var listener = Listen(host.Services.GetRequiredService<IMeterFactory>(), measurements);

        using var response = await host.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, Sum(measurements, "outlook.webhook.notifications.received"));
        Assert.Equal(1, Sum(measurements, "outlook.webhook.notifications.accepted"));
        Assert.Equal(1, Sum(measurements, "outlook.webhook.notifications.duplicates"));
        Assert.Equal(1, Sum(measurements, "outlook.webhook.notifications.rejected", "client-state-mismatch"));
    }

    private static MeterListener Listen(IMeterFactory webhookMeters, ConcurrentBag<(string, long, string?)> measurements)
    {
        var listener = new MeterListener
        {
            // Only the meters of this fixture's webhook, not those of hosts running beside it.
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == "Outlook.Webhook" && ReferenceEquals(instrument.Meter.Scope, webhookMeters))
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    reason = tag.Value as string;
                }
            }

            measurements.Add((instrument.Name, value, reason));
        });
        listener.Start();
        return listener;
    }

    private static long Sum(IEnumerable<(string Instrument, long Value, string? Reason)> measurements, string instrument, string? reason = null) =>
        measurements.Where(m => m.Instrument == instrument && (reason is null || m.Reason == reason)).Sum(m => m.Value);
}
