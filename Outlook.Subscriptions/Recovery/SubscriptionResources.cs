namespace Outlook.Subscriptions.Recovery;

/// <summary>Reads the mailbox a subscription watches from its resource path.</summary>
public static class SubscriptionResources
{
    /// <summary>
    /// Returns the lower-case user id of a "/users/{id}/messages" resource (with or without the
    /// leading slash or a query), or null for any other resource.
    /// </summary>
    public static string? MailboxOf(string? resource)
    {
        if (string.IsNullOrEmpty(resource))
        {
            return null;
        }

        var path = resource.Split('?', 2)[0].Trim('/');
        var segments = path.Split('/');
        if (segments.Length != 3
            || !segments[0].Equals("users", StringComparison.OrdinalIgnoreCase)
            || !segments[2].Equals("messages", StringComparison.OrdinalIgnoreCase)
            || segments[1].Length == 0)
        {
            return null;
        }

        return segments[1].ToLowerInvariant();
    }
}
