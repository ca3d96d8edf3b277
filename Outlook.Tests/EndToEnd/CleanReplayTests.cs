using System.Net;
using Outlook.Tests.Common;
using Xunit.Abstractions;

namespace Outlook.Tests.EndToEnd;

/// <summary>
/// 24 mailboxes and 2,160 corpus messages through emulator, subscription manager, webhook and
/// worker, checked against the corpus records; hostile requests hit the webhook meanwhile.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CleanReplayTests(CleanReplayFixture fixture, ITestOutputHelper output) : IClassFixture<CleanReplayFixture>
{
    [Fact]
    public void Corpus_Slice_IsLargeEnough()
    {
        Assert.True(fixture.Corpus.Mailboxes.Count >= 20, $"{fixture.Corpus.Mailboxes.Count} mailboxes");
        Assert.True(fixture.Corpus.Messages.Count >= 2_000, $"{fixture.Corpus.Messages.Count} messages");
    }

    [Fact]
    public async Task Replay_EveryMessage_HasAnEvent()
    {
        var check = (await fixture.OutcomeAsync()).Check;
        Assert.True(check.Lost == 0, $"{check}; lost e.g. {string.Join("; ", check.LostSamples)}");
    }

    [Fact]
    public async Task Replay_EveryMessage_HasOnlyOneEventId()
    {
        var check = (await fixture.OutcomeAsync()).Check;
        Assert.True(check.Duplicated == 0, check.ToString());
    }

    [Fact]
    public async Task Replay_EventFields_EqualCorpusRecords()
    {
        var check = (await fixture.OutcomeAsync()).Check;
        Assert.True(check.Mismatches.Count == 0, $"{check}; e.g. {string.Join("; ", check.Mismatches.Take(10))}");
    }

    [Fact]
    public async Task Replay_NoOtherEvents_Appear()
    {
        var check = (await fixture.OutcomeAsync()).Check;
        Assert.True(check.Unexpected.Count == 0, $"{check}; e.g. {string.Join("; ", check.Unexpected.Take(10))}");
    }

    /// <summary>
    /// Compares each mailbox's events in partition order with the order the emulator made the
    /// changes (the corpus order). The delivery figures show what the emulator had to retry.
    /// </summary>
    [Fact]
    public async Task Replay_PerMailbox_EventsInChangeOrder()
    {
        var outcome = await fixture.OutcomeAsync();
        var check = outcome.Check;
        var deliveries = DeliverySummary(outcome);
        output.WriteLine(deliveries);

        Assert.True(check.OutOfOrder.Count == 0, $"{check}; {deliveries}; {string.Join("; ", check.OutOfOrder)}");
    }

    [Fact]
    public async Task Hostile_MalformedJson_Gets400()
    {
        var answers = (await fixture.OutcomeAsync()).Hostile.Where(a => a.Name == "malformed JSON");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
    }

    [Fact]
    public async Task Hostile_HugeBody_Gets413()
    {
        var answers = (await fixture.OutcomeAsync()).Hostile.Where(a => a.Name == "huge body");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, a.Status));
    }

    [Fact]
    public async Task Hostile_WrongClientStateOrForgedToken_NothingAccepted()
    {
        var answers = (await fixture.OutcomeAsync()).Hostile.Where(a => a.Name is "wrong clientState" or "forged validation token").ToList();
        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.True(
            (int)a.Status is >= 400 and < 500 || (a.Status == HttpStatusCode.Accepted && a.Accepted == 0),
            $"{a.Name}: {(int)a.Status} accepted {a.Accepted}"));
    }

    [Fact]
    public async Task Privacy_Canaries_AbsentFromEveryTopic()
    {
        await fixture.OutcomeAsync();
        var records = fixture.Topics.Records;
        Assert.NotEmpty(records);
        Assert.Empty(CanaryScan.InRecords(records));
    }

    [Fact]
    public async Task Privacy_Canaries_AbsentFromRedis()
    {
        await fixture.OutcomeAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        var (keys, found) = await CanaryScan.InRedisAsync(await fixture.ConnectionStringAsync("redis", timeout.Token), timeout.Token);
        Assert.True(keys > 0, "Redis holds no key at all");
        Assert.Empty(found);
    }

    private string DeliverySummary(CleanReplayOutcome outcome)
    {
        var emulator = fixture.LogLines.Where(l => l.StartsWith("graph-emulator:", StringComparison.Ordinal)).ToList();
        int Count(string text) => emulator.Count(l => l.Contains(text, StringComparison.Ordinal));
        var totals = outcome.DeliveryTotals;
        return $"emulator requests {totals["requests"]}, retries {totals["retries"]}, failed items {totals["failed"]}; " +
            $"attempts answered 503 {Count("returned 503")}, timed out {Count("did not answer within the delivery timeout")}, unreachable {Count("is unreachable")}";
    }

    [Fact]
    public async Task Privacy_Canaries_AbsentFromLogs()
    {
        await fixture.OutcomeAsync();
        // The emulator plays Graph, which stores the content; only the connector's own services count.
        var lines = fixture.LogLines.Where(l => !l.StartsWith("graph-emulator:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.Empty(CanaryScan.InLines(lines));
    }
}
