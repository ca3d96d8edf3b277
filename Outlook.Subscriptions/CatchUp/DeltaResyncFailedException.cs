namespace Outlook.Subscriptions.CatchUp;

/// <summary>Thrown when a fresh delta for a folder fails as expired too, instead of retrying it forever.</summary>
public sealed class DeltaResyncFailedException(string folderId, Exception inner)
    : Exception($"Delta for folder {folderId} failed as expired again right after a fresh start; giving up on it until the next catch-up.", inner);
