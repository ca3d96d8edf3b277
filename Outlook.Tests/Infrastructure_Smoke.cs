namespace Outlook.Tests;

public sealed class Placeholder
{
    [Fact]
    public void Topics_AreFour() => Assert.Equal(4, Outlook.Contracts.Topics.All.Count);
}
