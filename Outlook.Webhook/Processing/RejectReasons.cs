namespace Outlook.Webhook.Processing;

/// <summary>Values of the "reason" tag on the rejected counter, one per way a request or item can fail.</summary>
internal static class RejectReasons
{
    public const string UnsupportedContentType = "unsupported-content-type";
    public const string BodyTooLarge = "body-too-large";
    public const string MalformedJson = "malformed-json";
    public const string JsonTooDeep = "json-too-deep";
    public const string NotACollection = "not-a-collection";
    public const string TooManyItems = "too-many-items";

    public const string MalformedItem = "malformed-item";
    public const string MissingSubscriptionId = "missing-subscription-id";
    public const string UnknownSubscription = "unknown-subscription";
    public const string ClientStateMismatch = "client-state-mismatch";
    public const string TenantMismatch = "tenant-mismatch";
    public const string UnsupportedResource = "unsupported-resource";
    public const string InvalidValidationToken = "invalid-validation-token";
    public const string DecryptionFailed = "decryption-failed";
}
