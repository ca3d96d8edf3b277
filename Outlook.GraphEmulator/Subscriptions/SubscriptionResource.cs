using System.Text.RegularExpressions;
using Outlook.GraphEmulator.Graph;

namespace Outlook.GraphEmulator.Subscriptions;

/// <summary>A parsed message subscription resource: users/{id}/messages or users/{id}/mailFolders/{id}/messages, with $select and $filter.</summary>
public sealed partial record SubscriptionResource(string User, string? Folder, IReadOnlyList<string>? Select, string? Filter)
{
    /// <summary>Parses <paramref name="resource"/>, or returns an error message naming what is wrong.</summary>
    public static SubscriptionResource? TryParse(string resource, out string? error)
    {
        error = null;
        var queryStart = resource.IndexOf('?', StringComparison.Ordinal);
        var path = ODataPath.Normalize(queryStart < 0 ? resource : resource[..queryStart]);
        var query = queryStart < 0 ? "" : resource[(queryStart + 1)..];

        if (path.TrimStart('/').StartsWith("me/", StringComparison.OrdinalIgnoreCase))
        {
            error = "/me request is only valid with delegated authentication flow.";
            return null;
        }

        var match = MessagesPath().Match(path);
        if (!match.Success)
        {
            error = $"Resource '{resource}' is not supported. Use users/{{id}}/messages or users/{{id}}/mailFolders('{{id}}')/messages.";
            return null;
        }

        string? select = null;
        string? filter = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (string.Equals(name, "$select", StringComparison.OrdinalIgnoreCase))
            {
                select = value;
            }
            else if (string.Equals(name, "$filter", StringComparison.OrdinalIgnoreCase))
            {
                filter = value;
            }
            else
            {
                error = $"Query option '{name}' is not supported in a subscription resource; only $select and $filter are.";
                return null;
            }
        }

        var folder = match.Groups["folder"].Success ? match.Groups["folder"].Value : null;
        return new SubscriptionResource(match.Groups["user"].Value, folder, GraphJson.ParseSelect(select), filter);
    }

    [GeneratedRegex(@"^/?users/(?<user>[^/]+)/(?:mailfolders/(?<folder>[^/]+)/)?messages/?$", RegexOptions.IgnoreCase)]
    private static partial Regex MessagesPath();
}
