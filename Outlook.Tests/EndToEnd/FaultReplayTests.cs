using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Outlook.AppHost.Infrastructure;
using Xunit.Abstractions;

namespace Outlook.Tests.EndToEnd;

/// <summary>
/// Each fault strikes while the emulator replays corpus mail; every record replayed during the
/// phase must still yield exactly one event (lost 0, duplicated 0 after dedup by event id).
/// </summary>
[Collection(EndToEndCollection.Name)]
[TestCaseOrderer(PhaseOrderer.TypeName, PhaseOrderer.AssemblyName)]
public sealed class FaultReplayTests(FaultReplayFixture fixture, ITestOutputHelper output) : IClassFixture<FaultReplayFixture>
{
    // Long enough for the emulator to retry (its backoff starts at 1 s) and for the webhook to answer 503 several times.
    private static readonly TimeSpan KafkaDown = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan NotificationsDropped = TimeSpan.FromSeconds(8);

    [Fact]
    [Phase(1)]
    public async Task Fault_KafkaBrokerDown_NothingLostOrDuplicated()
    {
        var cluster = fixture.App.Services.GetRequiredService<KafkaMockCluster>();
        var result = await RunAsync(async token =>
        {
            KafkaBrokerSwitch.SetDown(cluster);
            try
            {
                await Task.Delay(KafkaDown, token);
            }
            finally
            {
                KafkaBrokerSwitch.SetUp(cluster);
            }
        });
        AssertNothingLostOrDuplicated(result);
    }

    [Fact]
    [Phase(2)]
    public async Task Fault_WorkerKilled_NothingLostOrDuplicated()
    {
        var result = await RunAsync(token => fixture.KillAndRestartAsync("worker", TimeSpan.FromSeconds(2), token));
        AssertNothingLostOrDuplicated(result);
    }

    [Fact]
    [Phase(3)]
    public async Task Fault_WebhookKilled_NothingLostOrDuplicated()
    {
        var result = await RunAsync(token => fixture.KillAndRestartAsync("webhook", TimeSpan.Zero, token));
        AssertNothingLostOrDuplicated(result);
    }

    [Fact]
    [Phase(4)]
    public async Task Fault_SubscriptionRemovedAndNotificationsDropped_CatchUpFillsGap()
    {
        var result = await RunAsync(async token =>
        {
            var statistics = (await fixture.Admin.GetFromJsonAsync<JsonObject>("statistics", token))!;
            var subscription = statistics["subscriptions"]!.AsArray().First(s => s!["active"]!.GetValue<bool>())!;
            (await fixture.Admin.PostAsJsonAsync("faults/drop", new { duration = NotificationsDropped }, token)).EnsureSuccessStatusCode();
            (await fixture.Admin.PostAsync($"subscriptions/{subscription["id"]}/remove", null, token)).EnsureSuccessStatusCode();
            await Task.Delay(NotificationsDropped, token);
        });
        AssertNothingLostOrDuplicated(result);
    }

    [Fact]
    [Phase(5)]
    public async Task Fault_RedisRestarted_NothingLostOrDuplicated()
    {
        var result = await RunAsync(async token =>
        {
            await fixture.StopResourceAsync("redis", token);
            await fixture.StartResourceAsync("redis", token);
        });
        AssertNothingLostOrDuplicated(result);
    }

    private async Task<PhaseResult> RunAsync(Func<CancellationToken, Task> fault)
    {
        using var timeout = new CancellationTokenSource(EndToEndTimeouts.Phase);
        var result = await fixture.RunPhaseAsync(fault, timeout.Token);
        output.WriteLine(result.ToString());
        return result;
    }

    private static void AssertNothingLostOrDuplicated(PhaseResult result)
    {
        Assert.True(result.End > result.Start, $"The phase replayed nothing: {result}");
        Assert.True(result.Check.Lost == 0, $"{result}; lost e.g. {string.Join("; ", result.Check.LostSamples)}");
        Assert.True(result.Check.Duplicated == 0, result.ToString());
    }
}
