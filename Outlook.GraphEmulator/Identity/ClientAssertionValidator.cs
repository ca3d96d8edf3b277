using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Identity;

/// <summary>
/// Checks client assertions (RFC 7523 JWT bearer) for certificate credentials: signed with the
/// configured certificate's key, issued by and about the client, addressed to a token endpoint, in date.
/// </summary>
public sealed class ClientAssertionValidator(IOptions<EmulatorOptions> options)
{
    public const string JwtBearerType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly Lazy<X509Certificate2?> _certificate = new(() => Load(options.Value.ClientCertificatePath));

    public async Task<bool> IsValidAsync(string assertion, string clientId, string assertionType)
    {
        if (assertionType != JwtBearerType || _certificate.Value is not { } certificate)
        {
            return false;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = clientId,
            IssuerSigningKey = new X509SecurityKey(certificate),
            AudienceValidator = (audiences, _, _) =>
                audiences.Any(a => a.EndsWith("/oauth2/v2.0/token", StringComparison.OrdinalIgnoreCase)),
        };
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, parameters);
        return result.IsValid
            && result.Claims.TryGetValue("sub", out var subject)
            && string.Equals(subject as string, clientId, StringComparison.OrdinalIgnoreCase);
    }

    private static X509Certificate2? Load(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (Path.GetExtension(path).Equals(".pfx", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }

        var text = File.ReadAllText(path);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificateFromFile(path);
    }
}
