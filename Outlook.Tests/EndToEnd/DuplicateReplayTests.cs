using System.Net.Http.Json;

namespace Outlook.Tests.EndToEnd;

/// <summary>The emulator delivers every notification twice and shuffles each batch.</summary>
public sealed class DuplicateReplayFixture : EndToEndFixture
{
    private static readonly TimeSpan ReplayDuration = TimeSpan.FromSeconds(40);

    private Task<ReplayCheck>? _outcome;

    public Task<ReplayCheck> OutcomeAsync()
    {
        lock (this)
        {
            return _outcome ??= RunAsync();
        }
    }

    private async Task<ReplayCheck> RunAsync()
    {
        using var timeout = new CancellationTokenSource(EndToEndTimeouts.Replay);
        (await Admin.PutAsJsonAsync("faults", new { duplicates = true, outOfOrder = true }, timeout.Token)).EnsureSuccessStatusCode();
        await StartReplayAsync(ReplayDuration, timeout.Token);
        await WaitForReplayCompletedAsync(timeout.Token);
        return await WaitForEventsAsync(Corpus.Messages, timeout.Token);
    }
}

[Collection(EndToEndCollection.Name)]
public sealed class DuplicateReplayTests(DuplicateReplayFixture fixture) : IClassFixture<DuplicateReplayFixture>
{
    [Fact]
    public async Task DuplicatesAndReordering_EveryMessage_HasAnEvent()
    {
        var check = await fixture.OutcomeAsync();
        Assert.True(check.Lost == 0, $"{check}; lost e.g. {string.Join("; ", check.LostSamples)}");
    }

    [Fact]
    public async Task DuplicatesAndReordering_EveryMessage_HasOnlyOneEventId()
    {
        var check = await fixture.OutcomeAsync();
        Assert.True(check.Duplicated == 0, check.ToString());
    }

    [Fact]
    public async Task DuplicatesAndReordering_EventFields_EqualCorpusRecords()
    {
        var check = await fixture.OutcomeAsync();
        Assert.True(check.Mismatches.Count == 0, $"{check}; e.g. {string.Join("; ", check.Mismatches.Take(10))}");
    }

    [Fact]
    public async Task DuplicatesAndReordering_NoOtherEvents_Appear()
    {
        var check = await fixture.OutcomeAsync();
        Assert.True(check.Unexpected.Count == 0, $"{check}; e.g. {string.Join("; ", check.Unexpected.Take(10))}");
    }
}
