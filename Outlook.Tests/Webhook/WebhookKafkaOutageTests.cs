using System.Diagnostics;
using System.Net;
using Outlook.Contracts;
using Outlook.Tests.Webhook.Support;

namespace Outlook.Tests.Webhook;

/// <summary>The webhook reaches Kafka through a gate that starts closed, so Kafka is unreachable until a test opens it.</summary>
public sealed class KafkaOutageFixture : WebhookHostFixture
{
    internal TcpGate Gate { get; private set; } = null!;

    protected override Task<string> KafkaAddressAsync(string bootstrapServers)
    {
        Gate = new TcpGate(bootstrapServers);
        return Task.FromResult(Gate.Address);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Gate.DisposeAsync();
    }
}

public sealed class WebhookKafkaOutageTests(KafkaOutageFixture host) : IClassFixture<KafkaOutageFixture>
{
    // Graph counts a response slower than this as a failed delivery.
    private static readonly TimeSpan GraphDeadline = TimeSpan.FromSeconds(3);

    // Longer than the webhook's produce timeout plus librdkafka's once-a-second timeout scan, so
    // the records of the failed attempt have expired before Kafka becomes reachable.
    private static readonly TimeSpan FailedAttemptExpiry = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GraphRetryInterval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Webhook_KafkaUnreachable_Answers503ThenProducesRetryOnce()
    {
        var subscriptionId = Notifications.NewId("outage");
        await host.SeedSubscriptionAsync(subscriptionId, "state");
        var mailbox = Notifications.NewId("mailbox");
        var body = Notifications.Collection(Notifications.Message(subscriptionId, "state", mailbox, "m1", etag: "W/\"v1\""));
        var changeKey = ChangeKeys.ForMessage(WebhookHostFixture.TenantId, mailbox, "m1", "created", "W/\"v1\"");

        await WarmUpAsync();
        var started = Stopwatch.GetTimestamp();
        using var failed = await host.PostAsync(body);
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.True(elapsed < GraphDeadline, $"503 took {elapsed}");
        Assert.False(await host.Database.KeyExistsAsync(RedisKeys.Dedup(changeKey)));

        await Task.Delay(FailedAttemptExpiry);
        host.Gate.Open();
        var status = await RetryLikeGraphAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Single(host.ReadRecords(), record => record.Record.ChangeKey == changeKey);
        Assert.True(await host.Database.KeyExistsAsync(RedisKeys.Dedup(changeKey)));
    }

    // The first requests of a process pay for JIT compilation; the timed request must not.
    private async Task WarmUpAsync()
    {
        var subscriptionId = Notifications.NewId("warm-up");
        await host.SeedSubscriptionAsync(subscriptionId, "state");
        var rejected = Notifications.Collection(Notifications.Message(subscriptionId, "wrong-state", "warm-up", "m0"));
        using var response = await host.PostAsync(rejected);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<HttpStatusCode> RetryLikeGraphAsync(string body)
    {
        using var timeout = new CancellationTokenSource(RecoveryTimeout);
        while (true)
        {
            using var response = await host.PostAsync(body);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || timeout.IsCancellationRequested)
            {
                return response.StatusCode;
            }

            await Task.Delay(GraphRetryInterval, timeout.Token);
        }
    }
}
