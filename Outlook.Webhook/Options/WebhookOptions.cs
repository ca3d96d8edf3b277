namespace Outlook.Webhook.Options;

/// <summary>Webhook settings, bound from the "Webhook" configuration section.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>Maximum request body in bytes; a larger body is rejected with 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Maximum number of notifications in one POST.</summary>
    public int MaxNotificationsPerRequest { get; set; } = 1000;

    /// <summary>Maximum nesting of JSON objects and arrays in a request body.</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>
    /// How long a request waits for Kafka to acknowledge its records before it responds 503.
    /// Graph counts any response slower than 3 seconds as a failed delivery.
    /// </summary>
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a request waits for each of its three Redis round trips (subscription lookup,
    /// dedup check, dedup mark).
    /// </summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a produced change stays marked as seen. Graph retries a failed delivery for up
    /// to 4 hours, so anything shorter lets a late retry through as a second record.
    /// </summary>
    public TimeSpan DedupTimeToLive { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a subscription secret read from Redis may be used to verify notifications while
    /// Redis is unreachable. Longer keeps notifications flowing through a longer outage; shorter
    /// limits how long a deleted subscription or rotated clientState is still honoured then.
    /// </summary>
    public TimeSpan SubscriptionMemoryTimeToLive { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Minimum interval between two warnings about the same repeated problem.</summary>
    public TimeSpan WarningInterval { get; set; } = TimeSpan.FromMinutes(1);

    public ValidationTokenOptions ValidationTokens { get; set; } = new();

    public DecryptionOptions Decryption { get; set; } = new();
}

/// <summary>Where the signing keys of rich notifications' validation tokens come from.</summary>
public sealed class ValidationTokenOptions
{
    /// <summary>Address of a JSON Web Key Set; fetched on first use and refreshed periodically.</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>A JSON Web Key Set given inline, as JSON text; used instead of <see cref="JwksUrl"/> when set.</summary>
    public string? Jwks { get; set; }

    /// <summary>Clock skew allowed when checking a token's lifetime.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often keys fetched from <see cref="JwksUrl"/> are refreshed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>Certificates whose private keys decrypt rich notifications' encryptedContent.</summary>
public sealed class DecryptionOptions
{
    public List<DecryptionCertificateOptions> Certificates { get; } = [];
}

/// <summary>One decryption certificate, chosen by the encryptionCertificateId Graph echoes.</summary>
public sealed class DecryptionCertificateOptions
{
    /// <summary>The encryptionCertificateId given to Graph when the subscription was created.</summary>
    public string Id { get; set; } = "";

    /// <summary>Path of a PKCS #12 (.pfx) file holding the certificate and its private key.</summary>
    public string Path { get; set; } = "";

    public string? Password { get; set; }
}
