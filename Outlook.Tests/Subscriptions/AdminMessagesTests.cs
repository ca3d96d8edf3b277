using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Identity.Client;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.Connection;

namespace Outlook.Tests.Subscriptions;

public sealed class AdminMessagesTests
{
    private static readonly TenantOptions Tenant = new() { TenantId = "contoso-tenant", ClientId = "app-id" };

    [Fact]
    public void AdminMessage_WrongSecret_NamesTheSecret()
    {
        var msal = new MsalServiceException("invalid_client", "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1");
        var failure = new AuthenticationFailedException("ClientSecretCredential authentication failed: ", msal);

        var message = AdminMessages.ForTokenFailure(Tenant, failure);

        Assert.Contains("client secret is wrong", message, StringComparison.Ordinal);
        Assert.Contains("AADSTS7000215", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminMessage_MissingConsent_SaysConsent()
    {
        var msal = new MsalServiceException("invalid_grant", "AADSTS65001: The user or administrator has not consented.");

        var message = AdminMessages.ForTokenFailure(Tenant, new AuthenticationFailedException("failed", msal));

        Assert.Contains("admin consent", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminMessage_UnknownEntraError_ShowsItsCode()
    {
        var msal = new MsalServiceException("unauthorized_client", "AADSTS999999: Something else.");

        var message = AdminMessages.ForTokenFailure(Tenant, new AuthenticationFailedException("failed", msal));

        Assert.Contains("unauthorized_client", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminMessage_Forbidden_NamesPermission()
    {
        var forbidden = new ODataError { ResponseStatusCode = 403, Error = new MainError { Code = "Authorization_RequestDenied", Message = "Insufficient privileges" } };

        var message = AdminMessages.ForGraphFailure("list users", "User.Read.All", forbidden);

        Assert.Contains("User.Read.All", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenRoles_JwtWithRoles_ListsThem()
    {
        var payload = Convert.ToBase64String("""{"roles":["User.Read.All","Mail.ReadBasic.All"]}"""u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var roles = TokenRoles.Read($"e30.{payload}.sig");

        Assert.Equal(["User.Read.All", "Mail.ReadBasic.All"], roles);
    }

    [Fact]
    public void TokenRoles_OpaqueToken_IsNull() => Assert.Null(TokenRoles.Read("not-a-jwt"));
}
