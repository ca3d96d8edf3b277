using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using Outlook.Webhook.Options;

namespace Outlook.Webhook.Security;

/// <summary>Signing keys for validation tokens: inline keys when configured, otherwise keys fetched from the JWKS address and cached.</summary>
internal sealed class SigningKeyProvider
{
    private readonly IReadOnlyList<SecurityKey>? _inlineKeys;
    private readonly ConfigurationManager<JsonWebKeySet>? _remoteKeys;

    public SigningKeyProvider(IOptions<WebhookOptions> options, IHttpClientFactory httpClientFactory)
    {
        var tokens = options.Value.ValidationTokens;
        if (!string.IsNullOrWhiteSpace(tokens.Jwks))
        {
            _inlineKeys = [.. new JsonWebKeySet(tokens.Jwks).GetSigningKeys()];
        }
        else if (tokens.JwksUrl is { } url)
        {
            var documents = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName))
            {
                RequireHttps = url.Scheme == Uri.UriSchemeHttps,
            };
            _remoteKeys = new ConfigurationManager<JsonWebKeySet>(url.AbsoluteUri, new JsonWebKeySetRetriever(), documents)
            {
                AutomaticRefreshInterval = tokens.RefreshInterval,
            };
        }
    }

    /// <summary>Name of the HttpClient that fetches the JWKS.</summary>
    public const string HttpClientName = "validation-token-keys";

    public bool IsConfigured => _inlineKeys is not null || _remoteKeys is not null;

    public async Task<IReadOnlyList<SecurityKey>> GetKeysAsync(CancellationToken cancellationToken)
    {
        if (_inlineKeys is not null)
        {
            return _inlineKeys;
        }

        if (_remoteKeys is null)
        {
            return [];
        }

        var set = await _remoteKeys.GetConfigurationAsync(cancellationToken);
        return [.. set.GetSigningKeys()];
    }

    /// <summary>Asks for a fresh key set before the next validation, after a token named a key id we do not have.</summary>
    public void RequestRefresh() => _remoteKeys?.RequestRefresh();
}
