using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Outlook.Subscriptions.Options;

namespace Outlook.Subscriptions.Apis;

/// <summary>
/// Admits a management request only with the configured key, sent as X-Api-Key or as a bearer
/// token, compared in constant time. With no key configured every request is rejected.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<SubscriptionsOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.Value.ApiKey is not { Length: > 0 } expected)
        {
            return TypedResults.Problem(
                "The management API is disabled: set Subscriptions:ApiKey to enable it.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var presented = PresentedKey(context.HttpContext.Request);
        if (presented is null || !Matches(presented, expected))
        {
            return TypedResults.Problem(
                $"Missing or wrong API key: send it in the {HeaderName} header or as Authorization: Bearer <key>.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.ToString() is { Length: > 0 } key)
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : null;
    }

    // Hashing first gives both sides one length, so the comparison time reveals nothing about the key's length either.
    private static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
