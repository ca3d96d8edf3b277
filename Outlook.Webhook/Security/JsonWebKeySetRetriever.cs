using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Outlook.Webhook.Security;

/// <summary>
/// Reads a bare JSON Web Key Set document. IdentityModel ships retrievers only for OpenID
/// configuration documents, and the emulator, like many key servers, serves a JWKS on its own.
/// </summary>
internal sealed class JsonWebKeySetRetriever : IConfigurationRetriever<JsonWebKeySet>
{
    public async Task<JsonWebKeySet> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var document = await retriever.GetDocumentAsync(address, cancel);
        return new JsonWebKeySet(document);
    }
}
