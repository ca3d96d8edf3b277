using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Outlook.ServiceDefaults.Graph;
using Outlook.Webhook.Options;

namespace Outlook.Webhook.Security;

/// <summary>
/// Checks the validationTokens of a rich notification batch: signature, lifetime, issuer,
/// audience (the tenant's own client id), and that Graph's change-tracking publisher is the
/// party the token was issued to. Microsoft.Graph's AreTokensValidAsync skips that last check
/// and cannot take its keys from configuration, so the check is made here with IdentityModel.
/// </summary>
internal sealed class ValidationTokenValidator(
    SigningKeyProvider keys,
    IOptions<WebhookOptions> options,
    IOptions<TenantsOptions> tenants)
{
    /// <summary>Application id of Microsoft Graph's change notification publisher.</summary>
    public const string GraphPublisherAppId = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>
    /// Validates every token, and a single invalid token makes the whole set untrusted. Throws
    /// <see cref="SigningKeysUnavailableException"/> when the keys cannot be fetched, because
    /// that is worth a retry rather than a rejection.
    /// </summary>
    public async Task<TokenCheck> ValidateAsync(IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        if (tokens.Count == 0)
        {
            return TokenCheck.Failed("the batch carries encrypted content but no validationTokens");
        }

        if (!keys.IsConfigured)
        {
            return TokenCheck.Failed("no signing keys are configured under Webhook:ValidationTokens");
        }

        IReadOnlyList<SecurityKey> signingKeys;
        try
        {
            signingKeys = await keys.GetKeysAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException)
        {
            // IdentityModel's ConfigurationManager reports a failed fetch as InvalidOperationException.
            throw new SigningKeysUnavailableException(ex);
        }

        var parameters = CreateParameters(signingKeys);
        var trusted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var token in tokens)
        {
            var failure = await ValidateOneAsync(token, parameters, trusted);
            if (failure is not null)
            {
                return TokenCheck.Failed(failure);
            }
        }

        return new TokenCheck(trusted, null);
    }

    private async Task<string?> ValidateOneAsync(string token, TokenValidationParameters parameters, HashSet<string> trusted)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                keys.RequestRefresh();
            }

            return $"a validation token is invalid ({result.Exception?.GetType().Name ?? "unknown reason"})";
        }

        var issuedTo = Claim(result, "azp") ?? Claim(result, "appid");
        if (!string.Equals(issuedTo, GraphPublisherAppId, StringComparison.OrdinalIgnoreCase))
        {
            return "a validation token was not issued to Microsoft Graph's change notification publisher";
        }

        var tenant = tenants.Value.Find(Claim(result, "tid") ?? "");
        if (tenant is null || !string.Equals(Claim(result, "aud"), tenant.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return "a validation token's audience is not the client id of its tenant";
        }

        trusted.Add(tenant.TenantId);
        return null;
    }

    private TokenValidationParameters CreateParameters(IReadOnlyList<SecurityKey> signingKeys)
    {
        var configured = tenants.Value.Tenants;
        return new TokenValidationParameters
        {
            IssuerSigningKeys = signingKeys,
            ValidateIssuerSigningKey = true,
            ValidAudiences = [.. configured.Select(tenant => tenant.ClientId)],
            ValidIssuers = [.. configured.SelectMany(ValidIssuers)],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = options.Value.ValidationTokens.ClockSkew,
        };
    }

    // Graph's tokens come from Entra's v1 or v2 endpoint; an emulator issues them under its own authority host.
    private static IEnumerable<string> ValidIssuers(TenantOptions tenant)
    {
        yield return $"https://sts.windows.net/{tenant.TenantId}/";
        yield return $"https://login.microsoftonline.com/{tenant.TenantId}/v2.0";
        yield return new Uri(tenant.AuthorityHost, $"{tenant.TenantId}/").AbsoluteUri;
        yield return new Uri(tenant.AuthorityHost, $"{tenant.TenantId}/v2.0").AbsoluteUri;
    }

    private static string? Claim(TokenValidationResult result, string type) =>
        result.Claims.TryGetValue(type, out var value) ? value?.ToString() : null;
}

/// <summary>Thrown when the JSON Web Key Set for validation tokens cannot be fetched.</summary>
internal sealed class SigningKeysUnavailableException(Exception inner)
    : Exception("Signing keys for validation tokens could not be fetched.", inner);
