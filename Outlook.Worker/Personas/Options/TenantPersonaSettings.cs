namespace Outlook.Worker.Personas.Options;

/// <summary>The persona settings that apply to one tenant's events, resolved once per domain id.</summary>
internal sealed record TenantPersonaSettings(PersonaSettings Settings, TimeZoneInfo TimeZone, IReadOnlyList<string> InternalDomains)
{
    /// <summary>True when the domain is one of the tenant's internal domains or a subdomain of one.</summary>
    public bool IsInternal(string domain) =>
        InternalDomains.Any(internalDomain =>
            domain.Equals(internalDomain, StringComparison.OrdinalIgnoreCase)
            || domain.EndsWith("." + internalDomain, StringComparison.OrdinalIgnoreCase));
}
