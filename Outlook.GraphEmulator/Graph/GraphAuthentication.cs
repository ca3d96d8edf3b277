using Outlook.GraphEmulator.Identity;

namespace Outlook.GraphEmulator.Graph;

/// <summary>Rejects Graph requests without a valid bearer token issued by this emulator.</summary>
public sealed class GraphAuthentication(TokenIssuer tokens) : IEndpointFilter
{
    /// <summary>HttpContext.Items key of the calling application's id.</summary>
    public const string ApplicationIdItem = "Outlook.GraphEmulator.ApplicationId";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return GraphErrors.Unauthorized("Access token is empty.");
        }

        var applicationId = await tokens.ValidateAccessTokenAsync(header["Bearer ".Length..].Trim());
        if (applicationId is null)
        {
            return GraphErrors.Unauthorized("Access token validation failure. Invalid audience, issuer, signature or lifetime.");
        }

        context.HttpContext.Items[ApplicationIdItem] = applicationId;
        return await next(context);
    }
}
