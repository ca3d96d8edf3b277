using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;

namespace Outlook.Tests.EndToEnd;

/// <summary>
/// Replays the slice once with no emulator fault, while hostile requests hit the webhook; the
/// tests of <see cref="CleanReplayTests"/> check different sides of that one run.
/// </summary>
public sealed class CleanReplayFixture : EndToEndFixture
{
    private static readonly TimeSpan ReplayDuration = TimeSpan.FromSeconds(40);

    private Task<CleanReplayOutcome>? _outcome;

    public Task<CleanReplayOutcome> OutcomeAsync()
    {
        lock (this)
        {
            return _outcome ??= RunAsync();
        }
    }

    private async Task<CleanReplayOutcome> RunAsync()
    {
        using var timeout = new CancellationTokenSource(EndToEndTimeouts.Replay);
        var statistics = (await Admin.GetFromJsonAsync<JsonObject>("statistics", timeout.Token))!;
        var subscription = statistics["subscriptions"]!.AsArray().First(s => s!["active"]!.GetValue<bool>())!;
        using var webhook = App.CreateHttpClient("webhook", "http");

        await StartReplayAsync(ReplayDuration, timeout.Token);
        var hostile = await HostileRequests.SendAsync(
            webhook, subscription["id"]!.GetValue<string>(), subscription["userId"]!.GetValue<string>(), rounds: 5, timeout.Token);
        await WaitForReplayCompletedAsync(timeout.Token);
        var check = await WaitForEventsAsync(Corpus.Messages, timeout.Token);
        var deliveries = (await Admin.GetFromJsonAsync<JsonObject>("statistics", timeout.Token))!["totals"]!.AsObject();
        return new CleanReplayOutcome(check, hostile, deliveries);
    }
}

/// <summary>The checks of one clean replay, and the emulator's delivery counters summed over its subscriptions.</summary>
public sealed record CleanReplayOutcome(ReplayCheck Check, IReadOnlyList<HostileAnswer> Hostile, JsonObject DeliveryTotals);
