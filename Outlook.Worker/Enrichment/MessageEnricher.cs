using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Outlook.ServiceDefaults.Graph;
using Outlook.Worker.Telemetry;

namespace Outlook.Worker.Enrichment;

/// <summary>
/// Fetches a message's metadata from Graph with a metadata-only $select. Throttling is handled
/// here, not by the SDK: the SDK's retry handler gives up after 3 retries with an
/// AggregateException, so it is switched off per request and every wait follows Retry-After in
/// whichever form Graph sent it.
/// </summary>
internal sealed class MessageEnricher(
    WorkerMetrics metrics,
    TimeProvider time,
    IOptions<WorkerOptions> options,
    ILogger<MessageEnricher> logger)
{
    // Task.Delay may return a timer tick early and our clock may run ahead of Graph's, so every
    // wait is lengthened slightly to keep retries from arriving before Retry-After has passed.
    private static readonly TimeSpan RetryMargin = TimeSpan.FromMilliseconds(50);

    private static readonly RetryHandlerOption NoSdkRetry = new() { MaxRetry = 0, ShouldRetry = (_, _, _) => false };

    public async Task<EnrichmentOutcome> FetchAsync(GraphServiceClient client, string mailboxId, string messageId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            var wait = await TryFetchAsync(client, mailboxId, messageId, attempt, cancellationToken);
            if (wait.Outcome is { } outcome)
            {
                return outcome;
            }

            if (attempt >= settings.MaxFetchAttempts)
            {
                throw new EnrichmentFailedException($"Fetching message {messageId} of mailbox {mailboxId} failed {attempt} times; last error: {wait.Reason}.");
            }

            if (wait.Delay > settings.MaxRetryAfter)
            {
                throw new EnrichmentFailedException($"Graph asked to retry message {messageId} after {wait.Delay}, longer than Worker:MaxRetryAfter ({settings.MaxRetryAfter}).");
            }

            WorkerLog.FetchRetrying(logger, mailboxId, messageId, attempt, wait.Reason, wait.Delay);
            metrics.RetryWait(wait.Delay, wait.Cause);
            await Task.Delay(wait.Delay + RetryMargin, time, cancellationToken);
        }
    }

    private async Task<FetchAttempt> TryFetchAsync(GraphServiceClient client, string mailboxId, string messageId, int attempt, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var message = await client.Users[mailboxId].Messages[messageId].GetAsync(
                request =>
                {
                    request.QueryParameters.Select = MessageMetadataMapper.SelectFields;
                    request.Options.Add(NoSdkRetry);
                },
                cancellationToken);
            metrics.GraphRequest("ok", Stopwatch.GetElapsedTime(started));
            return message is null
                ? FetchAttempt.Done(EnrichmentOutcome.Missing)
                : FetchAttempt.Done(EnrichmentOutcome.Found(MessageMetadataMapper.From(message)));
        }
        catch (Exception ex) when (Unwrap(ex) is ApiException api)
        {
            return Classify(api, attempt, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            metrics.GraphRequest("network_error", Stopwatch.GetElapsedTime(started));
            return FetchAttempt.Retry(Backoff(attempt), $"network error: {ex.Message}", "error");
        }
    }

    private FetchAttempt Classify(ApiException api, int attempt, TimeSpan duration)
    {
        var status = api.ResponseStatusCode;
        switch (status)
        {
            case (int)HttpStatusCode.NotFound:
                metrics.GraphRequest("not_found", duration);
                metrics.NotFound();
                return FetchAttempt.Done(EnrichmentOutcome.Missing);
            case (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.ServiceUnavailable:
                metrics.GraphRequest(status == 429 ? "throttled" : "unavailable", duration);
                if (status == 429)
                {
                    metrics.Throttled();
                }

                var retryAfter = RetryAfter.Parse(RetryAfterValues(api), time.GetUtcNow());
                return FetchAttempt.Retry(retryAfter ?? Backoff(attempt), $"HTTP {status}", "throttled");
            case >= 500:
                metrics.GraphRequest("server_error", duration);
                return FetchAttempt.Retry(Backoff(attempt), $"HTTP {status}", "error");
            default:
                metrics.GraphRequest("rejected", duration);
                throw new EnrichmentFailedException($"Graph rejected the message fetch with HTTP {status}: {api.Message}", api);
        }
    }

    private static IEnumerable<string> RetryAfterValues(ApiException api) =>
        api.ResponseHeaders
            .Where(header => string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            .SelectMany(header => header.Value);

    private TimeSpan Backoff(int attempt) => options.Value.InitialBackoff * Math.Pow(2, Math.Min(attempt - 1, 10));

    /// <summary>Finds the ApiException behind an AggregateException, which the SDK's retry handler throws when it is in play.</summary>
    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException aggregate && aggregate.InnerExceptions.OfType<ApiException>().LastOrDefault() is { } inner ? inner : ex;

    private sealed record FetchAttempt(EnrichmentOutcome? Outcome, TimeSpan Delay, string Reason, string Cause)
    {
        public static FetchAttempt Done(EnrichmentOutcome outcome) => new(outcome, TimeSpan.Zero, "", "");

        public static FetchAttempt Retry(TimeSpan delay, string reason, string cause) => new(null, delay, reason, cause);
    }
}
