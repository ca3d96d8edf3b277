using Outlook.Subscriptions.Throttling;

namespace Outlook.Tests.Subscriptions;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryAfter_WholeSeconds_IsThatDelay() =>
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Parse(["120"], Now));

    [Fact]
    public void RetryAfter_DecimalSeconds_KeepsMilliseconds() =>
        Assert.Equal(TimeSpan.FromMilliseconds(2128), RetryAfter.Parse(["2.128"], Now));

    [Fact]
    public void RetryAfter_FoldedList_TakesLongest() =>
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Parse(["30,120"], Now));

    [Fact]
    public void RetryAfter_SeveralHeaderValues_TakesLongest() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Parse(["3", "7", "1.5"], Now));

    [Fact]
    public void RetryAfter_HttpDate_IsTimeUntilThen() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Parse(["Fri, 04 Dec 2026 17:01:30 GMT"], Now));

    [Fact]
    public void RetryAfter_PastHttpDate_IsZero() =>
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse(["Fri, 04 Dec 2026 16:00:00 GMT"], Now));

    [Fact]
    public void RetryAfter_Garbage_IsNull() =>
        Assert.Null(RetryAfter.Parse(["soon", ""], Now));

    [Fact]
    public void RetryAfter_NoValues_IsNull() =>
        Assert.Null(RetryAfter.Parse([], Now));

    [Fact]
    public void RetryAfter_TinyFraction_RoundsUp() =>
        Assert.Equal(TimeSpan.FromMilliseconds(1), RetryAfter.Parse(["0.0001"], Now));
}
