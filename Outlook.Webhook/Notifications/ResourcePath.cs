using System.Text.RegularExpressions;

namespace Outlook.Webhook.Notifications;

/// <summary>The mailbox and message a notification's resource path names.</summary>
internal readonly record struct ResourcePath(string? MailboxId, string? MessageId);

/// <summary>
/// Parses Graph's message resource paths in each spelling Microsoft's own examples use:
/// Users/{id}/Messages/{id}, users/{id}@{tenant}/messages/{id},
/// Users('{id}')/messages('{id}'), and the same with a mailFolders('{id}') segment or "me".
/// </summary>
internal static partial class ResourcePathParser
{
    public static bool TryParse(string? resource, out ResourcePath path)
    {
        path = default;
        if (string.IsNullOrEmpty(resource))
        {
            return false;
        }

        var match = MessageResource().Match(resource);
        if (!match.Success)
        {
            return false;
        }

        var user = match.Groups["user"];
        var mailbox = user.Success ? NormaliseMailbox(Uri.UnescapeDataString(user.Value)) : null;
        path = new ResourcePath(mailbox, Uri.UnescapeDataString(match.Groups["message"].Value));
        return true;
    }

    // Graph writes users/{objectId}@{tenantId} in some notifications; only the object id names
    // the mailbox. An address (jane@contoso.com) stays whole because its local part is no id.
    private static string NormaliseMailbox(string user)
    {
        var at = user.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && Guid.TryParse(user.AsSpan(0, at), out _) ? user[..at] : user;
    }

    [GeneratedRegex(
        """
        ^/?(?:(?:users(?:\('(?<user>[^']+)'\)|/(?<user>[^/()]+)))|me)
        (?:/mailfolders(?:\('[^']+'\)|/[^/()]+))?
        /messages(?:\('(?<message>[^']+)'\)|/(?<message>[^/?()]+))
        """,
        RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex MessageResource();
}
