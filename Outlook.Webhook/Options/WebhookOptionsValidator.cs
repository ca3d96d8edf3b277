using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Outlook.Webhook.Options;

/// <summary>Reports every invalid Webhook setting at start-up, each by its configuration key.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    private static readonly TimeSpan GraphAnswerDeadline = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan GraphRetryWindow = TimeSpan.FromHours(4);

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        const string Section = WebhookOptions.SectionName;

        if (options.MaxRequestBodyBytes <= 0)
        {
            failures.Add($"{Section}:MaxRequestBodyBytes must be a positive number of bytes.");
        }

        if (options.MaxNotificationsPerRequest <= 0)
        {
            failures.Add($"{Section}:MaxNotificationsPerRequest must be positive.");
        }

        if (options.MaxJsonDepth is < 4 or > 256)
        {
            failures.Add($"{Section}:MaxJsonDepth must be between 4 and 256; a notification alone nests 4 levels deep.");
        }

        if (options.ProduceTimeout <= TimeSpan.Zero || options.ProduceTimeout >= GraphAnswerDeadline)
        {
            failures.Add($"{Section}:ProduceTimeout must be above zero and below 3 seconds, Graph's deadline for a response.");
        }

        if (options.RedisTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RedisTimeout must be a positive duration.");
        }
        else if (options.ProduceTimeout + (3 * options.RedisTimeout) >= GraphAnswerDeadline)
        {
            failures.Add($"{Section}:ProduceTimeout plus three times {Section}:RedisTimeout must stay below 3 seconds, Graph's deadline for a response.");
        }

        if (options.DedupTimeToLive < GraphRetryWindow)
        {
            failures.Add($"{Section}:DedupTimeToLive must be at least 4 hours, Graph's retry window.");
        }

        if (options.SubscriptionMemoryTimeToLive < TimeSpan.Zero)
        {
            failures.Add($"{Section}:SubscriptionMemoryTimeToLive must not be negative; zero turns the fallback off.");
        }

        if (options.WarningInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:WarningInterval must be a positive duration.");
        }

        ValidateTokens(options.ValidationTokens, failures);
        ValidateCertificates(options.Decryption, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTokens(ValidationTokenOptions tokens, List<string> failures)
    {
        const string Prefix = $"{WebhookOptions.SectionName}:ValidationTokens";

        if (tokens.JwksUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"{Prefix}:JwksUrl must be an absolute URL.");
        }

        if (!string.IsNullOrWhiteSpace(tokens.Jwks))
        {
            try
            {
                _ = new JsonWebKeySet(tokens.Jwks);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{Prefix}:Jwks is not a valid JSON Web Key Set: {ex.Message}");
            }
        }

        if (tokens.ClockSkew < TimeSpan.Zero || tokens.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Prefix}:ClockSkew must be between zero and 10 minutes.");
        }

        if (tokens.RefreshInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Prefix}:RefreshInterval must be at least 1 minute.");
        }
    }

    private static void ValidateCertificates(DecryptionOptions decryption, List<string> failures)
    {
        for (var index = 0; index < decryption.Certificates.Count; index++)
        {
            var certificate = decryption.Certificates[index];
            var prefix = $"{WebhookOptions.SectionName}:Decryption:Certificates:{index}";

            if (string.IsNullOrWhiteSpace(certificate.Id))
            {
                failures.Add($"{prefix}:Id is missing; set the encryptionCertificateId given to Graph.");
            }

            if (string.IsNullOrWhiteSpace(certificate.Path))
            {
                failures.Add($"{prefix}:Path is missing; set the path of a .pfx file.");
            }
            else if (!File.Exists(certificate.Path))
            {
                failures.Add($"{prefix}:Path '{certificate.Path}' was not found.");
            }
        }
    }
}
