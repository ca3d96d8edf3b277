namespace Outlook.AppHost.Tenancy;

/// <summary>
/// Where the services find Microsoft 365: the Graph emulator with the settings generated for it,
/// or the tenants configured under Outlook:Tenants (then <see cref="Emulator"/> is null).
/// </summary>
internal sealed record OutlookTenant(
    IResourceBuilder<ProjectResource>? Emulator,
    EmulatedTenantSettings? Emulated,
    IReadOnlyList<KeyValuePair<string, string?>> ConfiguredTenantSettings,
    PublishedTenantParameters? Published = null);

/// <summary>Deployment parameters of the one tenant a published manifest asks for; more tenants go in the services' own configuration.</summary>
internal sealed record PublishedTenantParameters(
    IResourceBuilder<ParameterResource> TenantId,
    IResourceBuilder<ParameterResource> ClientId,
    IResourceBuilder<ParameterResource> ClientSecret,
    IResourceBuilder<ParameterResource> DomainId,
    IResourceBuilder<ParameterResource> InternalDomain,
    IResourceBuilder<ParameterResource> PublicWebhookUrl);

/// <summary>The identity and key material of the emulated tenant for one AppHost run.</summary>
internal sealed record EmulatedTenantSettings(
    string TenantId,
    string ClientId,
    string ClientSecret,
    string DomainId,
    string InternalDomain,
    CertificateFiles Tls,
    CertificateFiles Encryption,
    string EncryptionCertificateId);
