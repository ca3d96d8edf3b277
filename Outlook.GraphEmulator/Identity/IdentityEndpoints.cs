using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Identity;

/// <summary>The Entra endpoints a confidential client and a notification receiver use: token, OpenID configuration, keys.</summary>
public static class IdentityEndpoints
{
    public const string KeysPath = "/common/discovery/v2.0/keys";

    public static void MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueTokenAsync).DisableAntiforgery();
        app.MapPost("/{tenant}/oauth2/token", IssueTokenAsync).DisableAntiforgery();
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", OpenIdConfiguration);
        app.MapGet("/{tenant}/.well-known/openid-configuration", OpenIdConfiguration);
        app.MapGet(KeysPath, Keys);
        app.MapGet("/{tenant}/discovery/v2.0/keys", Keys);
        app.MapGet("/{tenant}/discovery/keys", Keys);
    }

    private static async Task<IResult> IssueTokenAsync(
        string tenant,
        HttpRequest request,
        TokenIssuer issuer,
        ClientAssertionValidator assertions,
        IOptions<EmulatorOptions> options,
        TimeProvider time)
    {
        var settings = options.Value;
        if (!request.HasFormContentType)
        {
            return EntraError(time, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (!string.Equals(tenant, settings.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return EntraError(time, 400, "invalid_tenant", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }

        if (form["grant_type"] != "client_credentials")
        {
            return EntraError(time, 400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{form["grant_type"]}'.");
        }

        var clientId = form["client_id"].ToString();
        if (!string.Equals(clientId, settings.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return EntraError(time, 400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{settings.TenantId}'.");
        }

        if (form.ContainsKey("client_assertion"))
        {
            if (!await assertions.IsValidAsync(form["client_assertion"].ToString(), clientId, form["client_assertion_type"].ToString()))
            {
                return EntraError(time, 400, "invalid_client", 700027, "Client assertion failed signature validation, or the certificate that signed it is not registered on the application.");
            }
        }
        else if (!SecretMatches(form["client_secret"].ToString(), settings.ClientSecret))
        {
            return EntraError(time, 400, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");
        }

        return Results.Json(new
        {
            token_type = "Bearer",
            expires_in = (int)settings.AccessTokenLifetime.TotalSeconds,
            ext_expires_in = (int)settings.AccessTokenLifetime.TotalSeconds,
            access_token = issuer.CreateAccessToken(clientId),
        });
    }

    private static bool SecretMatches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    /// <summary>Returns an error in the shape Entra ID uses, so MSAL surfaces the same exception it would in production.</summary>
    private static IResult EntraError(TimeProvider time, int status, string error, int code, string description)
    {
        var traceId = Guid.NewGuid().ToString();
        var correlationId = Guid.NewGuid().ToString();
        var timestamp = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(
            new Dictionary<string, object>
            {
                ["error"] = error,
                ["error_description"] = $"AADSTS{code}: {description} Trace ID: {traceId} Correlation ID: {correlationId} Timestamp: {timestamp}",
                ["error_codes"] = new[] { code },
                ["timestamp"] = timestamp,
                ["trace_id"] = traceId,
                ["correlation_id"] = correlationId,
                ["error_uri"] = $"https://login.microsoftonline.com/error?code={code}",
            },
            statusCode: status);
    }

    private static IResult OpenIdConfiguration(string tenant, HttpRequest request, IOptions<EmulatorOptions> options)
    {
        var baseUrl = $"{request.Scheme}://{request.Host}";
        var tenantId = options.Value.TenantId;
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"https://login.microsoftonline.com/{tenantId}/v2.0",
            ["token_endpoint"] = $"{baseUrl}/{tenantId}/oauth2/v2.0/token",
            ["jwks_uri"] = baseUrl + KeysPath,
            ["authorization_endpoint"] = $"{baseUrl}/{tenantId}/oauth2/v2.0/authorize",
            ["response_types_supported"] = new[] { "code", "id_token", "token" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" },
            ["tenant_region_scope"] = "EU",
        });
    }

    private static IResult Keys(SigningKeys keys) => Results.Json(new { keys = new[] { keys.PublicJwk() } });
}
