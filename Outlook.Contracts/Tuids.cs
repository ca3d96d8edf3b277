using System.Security.Cryptography;
using System.Text;

namespace Outlook.Contracts;

/// <summary>TUIDs for users the identity map does not name.</summary>
public static class Tuids
{
    /// <summary>
    /// Derives a stable TUID from the tenant and the user's object id, so that a user's events
    /// share one TUID before and after the identity map learns of them. The subscription
    /// manager's user sync writes the same value unless an imported map names another.
    /// </summary>
    public static string Derive(string tenantId, string userId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId.ToLowerInvariant()}/{userId.ToLowerInvariant()}"));
        return "tuid-" + Convert.ToHexStringLower(digest.AsSpan(0, 12));
    }
}
