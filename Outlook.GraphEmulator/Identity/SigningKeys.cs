using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Outlook.GraphEmulator.Identity;

/// <summary>
/// The RSA key that signs access tokens and validationTokens. It is generated at start-up and
/// never leaves the process except as its public JWK.
/// </summary>
public sealed class SigningKeys : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public SigningKeys()
    {
        KeyId = Base64UrlEncoder.Encode(SHA256.HashData(_rsa.ExportRSAPublicKey()).AsSpan(0, 12).ToArray());
        SecurityKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
    }

    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>Creates the public key as a JWK, as Entra's discovery keys endpoint lists it.</summary>
    public Dictionary<string, object> PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["x5t"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
            ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
        };
    }

    public void Dispose() => _rsa.Dispose();
}
