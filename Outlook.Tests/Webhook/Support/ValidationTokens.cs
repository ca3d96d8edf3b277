using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Outlook.Tests.Webhook.Support;

/// <summary>Issues validation tokens the way Entra issues them to Graph's change notification publisher.</summary>
internal sealed class ValidationTokens : IDisposable
{
    public const string GraphPublisherAppId = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;

    public ValidationTokens(string keyId = "test-key")
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = keyId };
    }

    /// <summary>The public key as an inline JSON Web Key Set.</summary>
    public string Jwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = _key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    public string Issue(
        string tenantId,
        string audience,
        string publisherClaim = "appid",
        string publisher = GraphPublisherAppId,
        TimeSpan? expiresIn = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = $"https://sts.windows.net/{tenantId}/",
            Audience = audience,
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            Claims = new Dictionary<string, object> { [publisherClaim] = publisher, ["tid"] = tenantId },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose() => _rsa.Dispose();
}
