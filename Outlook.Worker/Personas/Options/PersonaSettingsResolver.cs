using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Graph;

namespace Outlook.Worker.Personas.Options;

/// <summary>
/// Finds the settings for an event's domain_id: the tenant configured with that DomainId under
/// Outlook:Tenants, then its override under Personas:Tenants, else the defaults.
/// </summary>
internal sealed class PersonaSettingsResolver
{
    private readonly PersonaOptions _options;
    private readonly IReadOnlyList<TenantOptions> _tenants;
    private readonly ConcurrentDictionary<string, TenantPersonaSettings> _byDomainId = new(StringComparer.Ordinal);

    public PersonaSettingsResolver(IOptions<PersonaOptions> options, IConfiguration configuration)
    {
        _options = options.Value;

        // Read directly rather than through IOptions<TenantsOptions>, so a second binding of that
        // section elsewhere in the worker cannot duplicate its lists.
        _tenants = configuration.GetSection(TenantsOptions.SectionName).Get<TenantsOptions>()?.Tenants ?? [];
    }

    public TenantPersonaSettings Resolve(string? domainId) =>
        _byDomainId.GetOrAdd(domainId ?? "", Build);

    private TenantPersonaSettings Build(string domainId)
    {
        var tenant = _tenants.FirstOrDefault(t => string.Equals(t.DomainId, domainId, StringComparison.Ordinal));
        PersonaSettings settings = _options;
        if (tenant is not null && _options.Tenants.TryGetValue(tenant.TenantId, out var tenantSettings))
        {
            settings = tenantSettings;
        }

        // The validator has checked every configured time zone, so this cannot fall back in practice.
        var timeZone = TimeZones.TryFind(settings.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        IReadOnlyList<string> internalDomains = tenant is null ? [] : [.. tenant.InternalDomains.Select(d => d.Trim().ToLowerInvariant())];
        return new TenantPersonaSettings(settings, timeZone, internalDomains);
    }
}
