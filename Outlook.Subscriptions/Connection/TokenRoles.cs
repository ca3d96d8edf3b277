using System.Buffers.Text;
using System.Text.Json;

namespace Outlook.Subscriptions.Connection;

/// <summary>Reads the application roles (consented permissions) from an access token without validating it.</summary>
public static class TokenRoles
{
    /// <summary>Returns the "roles" claim, or null when the token is not a readable JWT.</summary>
    public static IReadOnlyList<string>? Read(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (!payload.RootElement.TryGetProperty("roles", out var roles) || roles.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return roles.EnumerateArray()
                .Where(role => role.ValueKind == JsonValueKind.String)
                .Select(role => role.GetString()!)
                .ToList();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
