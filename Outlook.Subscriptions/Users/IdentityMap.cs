using System.Text.Json;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.Subscriptions.Options;

namespace Outlook.Subscriptions.Users;

/// <summary>
/// Chooses each user's TUID: the one an imported map (<see cref="SubscriptionsOptions.IdentityMapPath"/>,
/// a JSON object from user id or address to TUID) names, else <see cref="Tuids.Derive"/>.
/// </summary>
public sealed class IdentityMap(IOptions<SubscriptionsOptions> options)
{
    private readonly Lazy<Dictionary<string, string>> _imported = new(() => Load(options.Value.IdentityMapPath));

    public string TuidFor(string tenantId, string userId, string? address, string? userPrincipalName)
    {
        var imported = _imported.Value;
        foreach (var key in new[] { userId, address, userPrincipalName })
        {
            if (key is not null && imported.TryGetValue(key, out var tuid))
            {
                return tuid;
            }
        }

        return Tuids.Derive(tenantId, userId);
    }

    private static Dictionary<string, string> Load(string? path)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(path))
        {
            return map;
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.String && entry.Value.GetString() is { Length: > 0 } tuid)
            {
                map[entry.Name] = tuid;
            }
        }

        return map;
    }
}
