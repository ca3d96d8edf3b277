using System.Text.RegularExpressions;

namespace Outlook.Worker.Normalization;

/// <summary>
/// Reads the item id from a Graph resource path. Graph's own examples spell paths three ways:
/// Users/{id}/Messages/{id}, users/{id}@{tenant}/messages/{id} and Users('{id}')/messages('{id}').
/// </summary>
internal static partial class ResourcePaths
{
    public static string? LastSegmentId(string? resource)
    {
        if (string.IsNullOrWhiteSpace(resource))
        {
            return null;
        }

        var match = ItemIdPattern().Match(resource);
        return match.Success ? Uri.UnescapeDataString(match.Groups["id"].Value) : null;
    }

    [GeneratedRegex(@"(?:messages|mailFolders|messageRules)(?:\('(?<id>[^']+)'\)|/(?<id>[^/?('\s]+))/?(?:\?.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ItemIdPattern();
}
