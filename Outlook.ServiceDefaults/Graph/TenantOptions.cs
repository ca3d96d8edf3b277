namespace Outlook.ServiceDefaults.Graph;

/// <summary>
/// The Microsoft 365 tenants this deployment watches, bound from the "Outlook:Tenants" section
/// (a list). With no real tenant configured the AppHost points a single entry at the Graph emulator.
/// </summary>
public sealed class TenantsOptions
{
    public const string SectionName = "Outlook";

    public List<TenantOptions> Tenants { get; } = [];

    public TenantOptions? Find(string tenantId) =>
        Tenants.Find(tenant => string.Equals(tenant.TenantId, tenantId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One tenant: its identity, the app registration that reads it, and how its events are labelled.</summary>
public sealed class TenantOptions
{
    /// <summary>Entra tenant id (GUID) as Graph sends it in tenantId.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Customer domain id written as domain_id on every event of this tenant.</summary>
    public string DomainId { get; set; } = "";

    /// <summary>Domains that count as internal; subdomains of each count too.</summary>
    public List<string> InternalDomains { get; } = [];

    /// <summary>Application (client) id of the app registration.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Client secret; either this or <see cref="CertificatePath"/> is required.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>PFX with the private key used for certificate credentials.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Entra authority host; the emulator's https address when emulated.</summary>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Graph base address including the version segment.</summary>
    public Uri GraphBaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>
    /// SHA-1 thumbprint of a self-signed server certificate to accept for the authority and
    /// Graph hosts. Set only for the emulator; real tenants use the system trust store.
    /// </summary>
    public string? TrustedCertificateThumbprint { get; set; }
}
