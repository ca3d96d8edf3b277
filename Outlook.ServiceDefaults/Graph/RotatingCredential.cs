using Azure.Core;
using Azure.Identity;

namespace Outlook.ServiceDefaults.Graph;

/// <summary>
/// A credential that tries a newly configured secret or certificate first and falls back to the
/// previous one while Entra still rejects the new one (a secret is often rotated in configuration
/// before it is valid). The previous credential is dropped after the new one first succeeds.
/// </summary>
public sealed class RotatingCredential(TokenCredential current, TokenCredential? previous) : TokenCredential
{
    private TokenCredential? _previous = previous;

    /// <summary>The credential a later rotation should fall back to: the previous one until the current one has worked.</summary>
    public TokenCredential LastKnownGood => Volatile.Read(ref _previous) ?? current;

    /// <summary>True while the previous credential is still kept as a fallback.</summary>
    public bool HasFallback => Volatile.Read(ref _previous) is not null;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        try
        {
            var token = current.GetToken(requestContext, cancellationToken);
            Volatile.Write(ref _previous, null);
            return token;
        }
        catch (AuthenticationFailedException) when (Volatile.Read(ref _previous) is { } fallback)
        {
            return fallback.GetToken(requestContext, cancellationToken);
        }
    }

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        try
        {
            var token = await current.GetTokenAsync(requestContext, cancellationToken);
            Volatile.Write(ref _previous, null);
            return token;
        }
        catch (AuthenticationFailedException) when (Volatile.Read(ref _previous) is { } fallback)
        {
            return await fallback.GetTokenAsync(requestContext, cancellationToken);
        }
    }
}
