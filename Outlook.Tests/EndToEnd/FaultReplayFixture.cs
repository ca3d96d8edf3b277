using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outlook.Tests.EndToEnd;

/// <summary>
/// One replay of the slice played in phases, one fault per phase: the replay runs, the fault
/// is injected and healed, the replay pauses, and the records the emulator replayed during the
/// phase are checked once every event is out.
/// </summary>
public sealed class FaultReplayFixture : EndToEndFixture
{
    // Slow enough that five phases fit in the slice; each phase replays a few hundred messages.
    private static readonly TimeSpan WholeSliceDuration = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan BeforeFault = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan AfterFault = TimeSpan.FromSeconds(4);

    private readonly SemaphoreSlim _phase = new(1, 1);
    private bool _speedSet;

    /// <summary>Runs <paramref name="fault"/> while the replay runs and returns the check of the records replayed meanwhile.</summary>
    public async Task<PhaseResult> RunPhaseAsync(Func<CancellationToken, Task> fault, CancellationToken cancellationToken)
    {
        await _phase.WaitAsync(cancellationToken);
        try
        {
            var start = await StablePositionAsync(cancellationToken);
            if (!_speedSet)
            {
                await StartReplayAsync(WholeSliceDuration, cancellationToken);
                _speedSet = true;
            }
            else
            {
                (await Admin.PostAsync("replay/start", null, cancellationToken)).EnsureSuccessStatusCode();
            }

            await Task.Delay(BeforeFault, cancellationToken);
            await fault(cancellationToken);
            await Task.Delay(AfterFault, cancellationToken);
            (await Admin.PostAsync("replay/pause", null, cancellationToken)).EnsureSuccessStatusCode();
            var end = await StablePositionAsync(cancellationToken);

            var expected = Corpus.Messages.Skip(start).Take(end - start).ToList();
            ReplayCheck check;
            using (var settle = new CancellationTokenSource(EndToEndTimeouts.Settle))
            {
                check = await WaitForEventsAsync(expected, settle.Token);
            }

            var statistics = (await Admin.GetFromJsonAsync<JsonObject>("statistics", cancellationToken))!["totals"]!.ToJsonString();
            return new PhaseResult(start, end, check, statistics);
        }
        finally
        {
            _phase.Release();
        }
    }

    // A paused replay may still finish the record it was waiting for, so read until the position holds.
    private async Task<int> StablePositionAsync(CancellationToken cancellationToken)
    {
        var previous = -1;
        while (true)
        {
            var position = (await ReplayStatusAsync(cancellationToken))["position"]!.GetValue<int>();
            if (position == previous)
            {
                return position;
            }

            previous = position;
            await Task.Delay(TimeSpan.FromSeconds(2.5), cancellationToken);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _phase.Dispose();
    }
}

/// <summary>The replay positions a phase covered, its check, and the emulator's delivery totals after it.</summary>
public sealed record PhaseResult(int Start, int End, ReplayCheck Check, string DeliveryTotals)
{
    public override string ToString() => $"records {Start}..{End}: {Check}; emulator totals {DeliveryTotals}; {Check.Details}";
}
