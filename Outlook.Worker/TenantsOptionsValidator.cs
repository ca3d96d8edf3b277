using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Graph;

namespace Outlook.Worker;

/// <summary>Rejects tenant entries the worker cannot label events for, naming every bad key at once.</summary>
internal sealed class TenantsOptionsValidator : IValidateOptions<TenantsOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantsOptions options)
    {
        var failures = new List<string>();
        if (options.Tenants.Count == 0)
        {
            failures.Add($"{TenantsOptions.SectionName}:Tenants is empty; configure at least one tenant.");
        }

        for (var i = 0; i < options.Tenants.Count; i++)
        {
            var tenant = options.Tenants[i];
            var prefix = $"{TenantsOptions.SectionName}:Tenants:{i}";
            if (string.IsNullOrWhiteSpace(tenant.TenantId))
            {
                failures.Add($"{prefix}:TenantId is missing.");
            }

            if (string.IsNullOrWhiteSpace(tenant.DomainId))
            {
                failures.Add($"{prefix}:DomainId is missing.");
            }

            if (tenant.InternalDomains.Count == 0 || tenant.InternalDomains.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{prefix}:InternalDomains must list at least one non-empty domain.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
