namespace Outlook.Webhook.Security;

/// <summary>
/// Outcome of checking a batch's validationTokens: the tenants a valid token vouches for, or why
/// the batch's tokens cannot be trusted.
/// </summary>
internal sealed record TokenCheck(IReadOnlySet<string> TrustedTenantIds, string? Failure)
{
    public static TokenCheck Failed(string failure) => new(new HashSet<string>(), failure);

    public bool Trusts(string tenantId) => Failure is null && TrustedTenantIds.Contains(tenantId);
}
