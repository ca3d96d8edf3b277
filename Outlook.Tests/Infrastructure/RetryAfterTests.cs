using Outlook.ServiceDefaults.Graph;

namespace Outlook.Tests.Infrastructure;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 16, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("5", 5_000)]
    [InlineData("120", 120_000)]
    [InlineData("2.128", 2_128)]
    [InlineData("2.12", 2_120)]
    [InlineData("0.0001", 1)]
    [InlineData("30,120", 120_000)]
    [InlineData(" 7 ", 7_000)]
    [InlineData("Fri, 04 Dec 2026 16:00:30 GMT", 30_000)]
    [InlineData("Fri, 04 Dec 2026 15:59:00 GMT", 0)]
    public void RetryAfter_HeaderForm_ParsesToDelay(string header, int expectedMilliseconds)
    {
        var delay = RetryAfter.Parse([header], Now);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), delay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-3")]
    public void RetryAfter_Unparseable_ReturnsNull(string header)
    {
        Assert.Null(RetryAfter.Parse([header], Now));
    }

    [Fact]
    public void RetryAfter_NoValues_ReturnsNull()
    {
        Assert.Null(RetryAfter.Parse([], Now));
    }

    [Fact]
    public void RetryAfter_SeveralHeaderValues_TakesLongest()
    {
        Assert.Equal(TimeSpan.FromSeconds(9), RetryAfter.Parse(["3", "9", "1.5"], Now));
    }

    [Fact]
    public void RetryAfter_HugeNumber_DoesNotOverflow()
    {
        Assert.Equal(TimeSpan.MaxValue, RetryAfter.Parse(["99999999999999999999"], Now));
    }
}
