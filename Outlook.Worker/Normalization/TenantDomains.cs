namespace Outlook.Worker.Normalization;

/// <summary>Classifies addresses as internal or external for one tenant.</summary>
internal sealed class TenantDomains(IEnumerable<string> internalDomains)
{
    private readonly string[] _domains = [.. internalDomains.Select(domain => domain.Trim().TrimStart('@').ToLowerInvariant())];

    /// <summary>Returns the lower-case domain of an address, or null when it has none.</summary>
    public static string? DomainOf(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        if (at < 0 || at == address.Length - 1)
        {
            return null;
        }

        return address[(at + 1)..].Trim().TrimEnd('>').ToLowerInvariant();
    }

    /// <summary>True when the domain is one of the tenant's domains or a subdomain of one.</summary>
    public bool IsInternal(string domain) =>
        _domains.Any(own => domain == own || domain.EndsWith("." + own, StringComparison.Ordinal));

    /// <summary>Returns true when a domain is known and not internal; null when the domain is unknown.</summary>
    public bool? IsExternal(string? domain) => domain is null ? null : !IsInternal(domain);

    /// <summary>Returns the distinct domains of the addresses, in first-seen order.</summary>
    public static List<string> DistinctDomains(IEnumerable<string?> addresses)
    {
        var domains = new List<string>();
        foreach (var address in addresses)
        {
            if (DomainOf(address) is { } domain && !domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        return domains;
    }
}
