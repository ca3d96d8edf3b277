using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Identity;

/// <summary>Issues and checks the emulator's JWTs: Graph access tokens and notification validationTokens.</summary>
public sealed class TokenIssuer(SigningKeys keys, IOptions<EmulatorOptions> options, TimeProvider time)
{
    /// <summary>Application id of Microsoft Graph's change-notification publisher, as validationTokens name it.</summary>
    public const string ChangeTrackingAppId = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    public const string GraphAudience = "https://graph.microsoft.com";

    private readonly JsonWebTokenHandler _handler = new();

    public string Issuer => $"https://sts.windows.net/{options.Value.TenantId}/";

    /// <summary>Creates an app-only access token for Graph, shaped like Entra's v1 tokens.</summary>
    public string CreateAccessToken(string clientId)
    {
        var claims = new Dictionary<string, object>
        {
            ["appid"] = clientId,
            ["azp"] = clientId,
            ["appidacr"] = "1",
            ["tid"] = options.Value.TenantId,
            ["oid"] = ServicePrincipalId(clientId),
            ["sub"] = ServicePrincipalId(clientId),
            ["roles"] = new[] { "Mail.ReadBasic.All", "MailboxSettings.Read", "User.Read.All" },
            ["ver"] = "1.0",
        };
        return Create(GraphAudience, claims, options.Value.AccessTokenLifetime);
    }

    /// <summary>Creates a validationToken for rich notifications sent to <paramref name="applicationId"/>.</summary>
    public string CreateValidationToken(string applicationId)
    {
        var claims = new Dictionary<string, object>
        {
            ["appid"] = ChangeTrackingAppId,
            ["azp"] = ChangeTrackingAppId,
            ["appidacr"] = "2",
            ["idp"] = Issuer,
            ["tid"] = options.Value.TenantId,
            ["ver"] = "1.0",
        };
        return Create(applicationId, claims, options.Value.ValidationTokenLifetime);
    }

    /// <summary>Checks a bearer token and returns its application id, or null when it is not valid.</summary>
    public async Task<string?> ValidateAccessTokenAsync(string token)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = GraphAudience,
            IssuerSigningKey = keys.SecurityKey,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now.AddMinutes(5)) && expires > now.AddMinutes(-5);
            },
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return null;
        }

        return result.Claims.TryGetValue("appid", out var appId) ? appId as string : null;
    }

    /// <summary>Returns the deterministic object id of the client's service principal.</summary>
    public static string ServicePrincipalId(string clientId) => DeterministicIds.NameBasedGuid("service-principal", clientId).ToString();

    private string Create(string audience, Dictionary<string, object> claims, TimeSpan lifetime)
    {
        var now = time.GetUtcNow().UtcDateTime;
        claims["uti"] = Base64UrlEncoder.Encode(Guid.NewGuid().ToByteArray());
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            SigningCredentials = keys.Credentials,
        };
        return _handler.CreateToken(descriptor);
    }
}
