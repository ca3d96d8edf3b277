using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;

namespace Outlook.ServiceDefaults.Graph;

/// <summary>
/// Builds one <see cref="GraphServiceClient"/> per tenant from <see cref="TenantsOptions"/>, and
/// rebuilds it when the tenant's credentials change in configuration. A rebuilt client keeps
/// the previous credential as a fallback until the new one gets its first token.
/// </summary>
public sealed class GraphClientProvider(IOptionsMonitor<TenantsOptions> options) : IDisposable
{
    private static readonly string[] GraphScopes = ["https://graph.microsoft.com/.default"];

    private readonly ConcurrentDictionary<string, (string Fingerprint, GraphServiceClient Client, RotatingCredential Credential)> _clients =
        new(StringComparer.OrdinalIgnoreCase);

    public GraphServiceClient GetClient(string tenantId)
    {
        var tenant = options.CurrentValue.Find(tenantId)
            ?? throw new InvalidOperationException($"Tenant '{tenantId}' is not configured under {TenantsOptions.SectionName}:Tenants.");

        var fingerprint = Fingerprint(tenant);
        var entry = _clients.AddOrUpdate(
            tenant.TenantId,
            _ => Build(tenant, fingerprint, previous: null),
            (_, existing) => existing.Fingerprint == fingerprint ? existing : Build(tenant, fingerprint, existing.Credential));
        return entry.Client;
    }

    private static (string, GraphServiceClient, RotatingCredential) Build(TenantOptions tenant, string fingerprint, RotatingCredential? previous)
    {
        var credential = new RotatingCredential(CreateCredential(tenant), previous?.LastKnownGood);
        return (fingerprint, CreateClient(tenant, credential), credential);
    }

    /// <summary>Creates the credential the tenant's configuration names: a client secret, else a certificate.</summary>
    public static TokenCredential CreateCredential(TenantOptions tenant)
    {
        var credentialOptions = new ClientCertificateCredentialOptions
        {
            AuthorityHost = tenant.AuthorityHost,
            // Instance discovery calls login.microsoftonline.com before every new authority,
            // which a private authority (the emulator, a sovereign cloud proxy) cannot serve.
            DisableInstanceDiscovery = tenant.TrustedCertificateThumbprint is not null,
        };
        if (tenant.TrustedCertificateThumbprint is { } thumbprint)
        {
            credentialOptions.Transport = new HttpClientTransport(CreateTrustingHandler(thumbprint));
        }

        if (!string.IsNullOrEmpty(tenant.ClientSecret))
        {
            var secretOptions = new ClientSecretCredentialOptions
            {
                AuthorityHost = credentialOptions.AuthorityHost,
                DisableInstanceDiscovery = credentialOptions.DisableInstanceDiscovery,
            };
            if (tenant.TrustedCertificateThumbprint is { } secretThumbprint)
            {
                secretOptions.Transport = new HttpClientTransport(CreateTrustingHandler(secretThumbprint));
            }

            return new ClientSecretCredential(tenant.TenantId, tenant.ClientId, tenant.ClientSecret, secretOptions);
        }

        if (!string.IsNullOrEmpty(tenant.CertificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(tenant.CertificatePath, tenant.CertificatePassword);
            return new ClientCertificateCredential(tenant.TenantId, tenant.ClientId, certificate, credentialOptions);
        }

        throw new InvalidOperationException(
            $"Tenant '{tenant.TenantId}' has neither ClientSecret nor CertificatePath; set one of them.");
    }

    /// <summary>Creates an HTTP handler that accepts only the given self-signed server certificate, for the emulator.</summary>
    public static HttpClientHandler CreateTrustingHandler(string thumbprint) => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None
            || string.Equals(certificate?.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Creates a client for the tenant's Graph address that authenticates with <paramref name="credential"/>.</summary>
    public static GraphServiceClient CreateClient(TenantOptions tenant, TokenCredential credential)
    {
        // The SDK attaches tokens only to the hosts listed here; without this the emulator
        // would receive every request unauthenticated.
        var authentication = new AzureIdentityAuthenticationProvider(
            credential,
            allowedHosts: [tenant.GraphBaseUrl.Host],
            observabilityOptions: null,
            isCaeEnabled: false,
            scopes: GraphScopes);

        var finalHandler = tenant.TrustedCertificateThumbprint is { } thumbprint
            ? CreateTrustingHandler(thumbprint)
            : null;
        var httpClient = GraphClientFactory.Create(finalHandler: finalHandler);
        return new GraphServiceClient(httpClient, authentication, tenant.GraphBaseUrl.ToString().TrimEnd('/'));
    }

    private static string Fingerprint(TenantOptions tenant) => string.Join(
        '|',
        tenant.ClientId,
        tenant.ClientSecret,
        tenant.CertificatePath,
        tenant.AuthorityHost,
        tenant.GraphBaseUrl,
        tenant.TrustedCertificateThumbprint);

    public void Dispose()
    {
        foreach (var (_, client, _) in _clients.Values)
        {
            client.Dispose();
        }
    }
}
