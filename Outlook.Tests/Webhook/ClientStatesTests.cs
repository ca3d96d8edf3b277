using Outlook.Webhook.Security;

namespace Outlook.Tests.Webhook;

public sealed class ClientStatesTests
{
    [Theory]
    [InlineData("secretClientValue", "secretClientValue", true)]
    [InlineData("secretClientValuE", "secretClientValue", false)]
    [InlineData("secret", "secretClientValue", false)]
    [InlineData(null, "secretClientValue", false)]
    public void ClientStates_Compare_MatchesOnlyExactValue(string? received, string expected, bool equal)
    {
        Assert.Equal(equal, ClientStates.AreEqual(received, expected));
    }
}
