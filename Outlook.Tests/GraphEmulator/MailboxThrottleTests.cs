using Outlook.GraphEmulator.Options;
using Outlook.GraphEmulator.Throttling;

namespace Outlook.Tests.GraphEmulator;

public sealed class MailboxThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MailboxUsage_FifthConcurrentRequest_IsRejected()
    {
        var usage = new MailboxUsage();
        var settings = new EmulatorOptions();

        var admitted = Enumerable.Range(0, 4).Count(_ => usage.TryEnter(Now, settings));
        var fifth = usage.TryEnter(Now, settings);
        usage.Exit();
        var afterExit = usage.TryEnter(Now, settings);

        Assert.Equal(4, admitted);
        Assert.False(fifth);
        Assert.True(afterExit);
    }

    [Fact]
    public void MailboxUsage_BudgetSpent_IsRejected()
    {
        var usage = new MailboxUsage();
        var settings = new EmulatorOptions { RequestBudget = 3, RequestBudgetWindow = TimeSpan.FromMinutes(1) };

        for (var i = 0; i < 3; i++)
        {
            Assert.True(usage.TryEnter(Now, settings));
            usage.Exit();
        }

        var overBudget = usage.TryEnter(Now.AddSeconds(30), settings);
        var nextWindow = usage.TryEnter(Now.AddMinutes(1), settings);

        Assert.False(overBudget);
        Assert.True(nextWindow);
    }
}
