using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Outlook.Webhook.Options;
using Outlook.Webhook.Processing;

namespace Outlook.Webhook.Apis;

/// <summary>
/// Reads a notification request within the configured limits. Problems are described by the
/// limit they broke, never by the payload, so nothing a sender wrote reaches a log.
/// </summary>
internal sealed class NotificationRequestReader(IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>Reads and parses the body; returns either a batch or the problem that stops it.</summary>
    public async Task<(NotificationBatch? Batch, RequestProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var receivedAt = time.GetUtcNow();

        if (!request.HasJsonContentType())
        {
            return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                "Notifications must be sent as application/json.", RejectReasons.UnsupportedContentType));
        }

        var body = await ReadBodyAsync(request, limits.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, new RequestProblem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body exceeds {limits.MaxRequestBodyBytes} bytes (Webhook:MaxRequestBodyBytes).", RejectReasons.BodyTooLarge));
        }

        return Parse(body, limits, receivedAt);
    }

    private static (NotificationBatch?, RequestProblem?) Parse(byte[] body, WebhookOptions limits, DateTimeOffset receivedAt)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth });
        }
        catch (JsonException)
        {
            return ExceedsDepth(body, limits.MaxJsonDepth)
                ? (null, new RequestProblem(StatusCodes.Status400BadRequest, "JSON nested too deeply",
                    $"The body nests objects and arrays deeper than {limits.MaxJsonDepth} levels (Webhook:MaxJsonDepth).", RejectReasons.JsonTooDeep))
                : (null, new RequestProblem(StatusCodes.Status400BadRequest, "Malformed JSON",
                    "The body is not valid JSON.", RejectReasons.MalformedJson));
        }

        using (document)
        {
            return ToBatch(document.RootElement, limits, receivedAt);
        }
    }

    private static (NotificationBatch?, RequestProblem?) ToBatch(JsonElement root, WebhookOptions limits, DateTimeOffset receivedAt)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("value", out var value)
            || value.ValueKind != JsonValueKind.Array)
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, "Not a change notification collection",
                "The body must be a JSON object with a \"value\" array.", RejectReasons.NotACollection));
        }

        var count = value.GetArrayLength();
        if (count > limits.MaxNotificationsPerRequest)
        {
            return (null, new RequestProblem(StatusCodes.Status413PayloadTooLarge, "Too many notifications",
                $"The request holds {count} notifications; the maximum is {limits.MaxNotificationsPerRequest} (Webhook:MaxNotificationsPerRequest).",
                RejectReasons.TooManyItems));
        }

        var tokens = new List<string>();
        if (root.TryGetProperty("validationTokens", out var tokenArray) && tokenArray.ValueKind != JsonValueKind.Null)
        {
            if (tokenArray.ValueKind != JsonValueKind.Array || tokenArray.EnumerateArray().Any(token => token.ValueKind != JsonValueKind.String))
            {
                return (null, new RequestProblem(StatusCodes.Status400BadRequest, "Invalid validationTokens",
                    "\"validationTokens\" must be an array of strings.", RejectReasons.NotACollection));
            }

            tokens.AddRange(tokenArray.EnumerateArray().Select(token => token.GetString()!));
        }

        // Cloned, so the items outlive the document the reader disposes.
        var items = value.EnumerateArray().Select(item => item.Clone()).ToList();
        return (new NotificationBatch(items, tokens, receivedAt), null);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(8192), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }

    // Tells a body that is too deep from one that is broken, so the 400 names the right limit.
    private static bool ExceedsDepth(byte[] body, int maxDepth)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= maxDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }
}
