using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outlook.Tests.GraphEmulator;

/// <summary>The whole corpus replayed at a high time factor, with a subscription on every mailbox.</summary>
public sealed class CorpusReplayTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    // About 47,500 notifications. The replay took about 25 s on two cores, and the margin covers slower machines.
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Replay_WholeCorpus_StatisticsAddUp()
    {
        using var timeout = new CancellationTokenSource(ReplayTimeout);
        var emulator = fixture.Emulator;
        var receiver = fixture.Receiver;
        var mailboxes = (await emulator.Admin.GetFromJsonAsync<JsonArray>("mailboxes", timeout.Token))!;
        using var http = await emulator.CreateAuthorizedHttpClientAsync(timeout.Token);
        foreach (var mailbox in mailboxes)
        {
            using var created = await http.PostAsJsonAsync("v1.0/subscriptions", new
            {
                changeType = "created",
                notificationUrl = receiver.NotificationUrl,
                resource = $"users/{mailbox!["userId"]}/messages",
                expirationDateTime = DateTimeOffset.UtcNow.AddHours(2),
                clientState = "replay",
            }, timeout.Token);
            created.EnsureSuccessStatusCode();
        }

        (await emulator.Admin.PostAsJsonAsync("replay/speed", new { factor = 1e12 }, timeout.Token)).EnsureSuccessStatusCode();
        (await emulator.Admin.PostAsync("replay/start", null, timeout.Token)).EnsureSuccessStatusCode();
        await NotificationReceiver.WaitUntilAsync(() => ReplayDone(emulator, timeout.Token), timeout.Token);
        var status = (await emulator.Admin.GetFromJsonAsync<JsonObject>("status", timeout.Token))!;
        var totals = (await emulator.StatisticsAsync(timeout.Token))["totals"]!;
        var queued = totals["queued"]!.GetValue<long>();
        var acknowledged = totals["acknowledged"]!.GetValue<long>();
        var failed = totals["failed"]!.GetValue<long>();
        var dropped = totals["dropped"]!.GetValue<long>();

        Assert.Equal(100, mailboxes.Count);
        Assert.True(status["replay"]!["total"]!.GetValue<int>() > 47_000, "the corpus should hold more than 47,000 replayable records");
        Assert.Equal(status["replay"]!["total"]!.GetValue<int>(), queued);
        Assert.Equal(queued, acknowledged + failed + dropped);
        Assert.Equal(acknowledged, receiver.ItemCount);
        Assert.Equal(0, failed);
    }

    private static bool ReplayDone(EmulatorInstance emulator, CancellationToken cancellationToken)
    {
        var status = emulator.Admin.GetFromJsonAsync<JsonObject>("status", cancellationToken).GetAwaiter().GetResult()!;
        if (!status["replay"]!["completed"]!.GetValue<bool>())
        {
            return false;
        }

        var totals = emulator.StatisticsAsync(cancellationToken).GetAwaiter().GetResult()["totals"]!;
        return totals["pending"]!.GetValue<long>() == 0;
    }
}
