namespace Outlook.Worker.Normalization;

/// <summary>The per-tenant settings normalisation needs: the customer domain id and the internal domains.</summary>
internal sealed record TenantContext(string TenantId, string DomainId, TenantDomains Domains);
