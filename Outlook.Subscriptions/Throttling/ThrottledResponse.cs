using Microsoft.Kiota.Abstractions;

namespace Outlook.Subscriptions.Throttling;

/// <summary>Recognises a throttled Graph response (429 or 503) in whatever exception the SDK threw for it.</summary>
public static class ThrottledResponse
{
    /// <summary>
    /// True when <paramref name="exception"/> is, or wraps, an <see cref="ApiException"/> with status
    /// 429 or 503. The SDK's retry handler throws an <see cref="AggregateException"/> of them once
    /// its own retries are spent, so both shapes are accepted.
    /// </summary>
    public static bool TryRead(Exception exception, out int status, out IReadOnlyList<string> retryAfter)
    {
        foreach (var api in Flatten(exception))
        {
            if (api.ResponseStatusCode is 429 or 503)
            {
                status = api.ResponseStatusCode;
                retryAfter = ReadRetryAfter(api);
                return true;
            }
        }

        status = 0;
        retryAfter = [];
        return false;
    }

    /// <summary>Returns the status code of the first <see cref="ApiException"/> in <paramref name="exception"/>, or 0.</summary>
    public static int StatusOf(Exception exception) =>
        Flatten(exception).Select(api => api.ResponseStatusCode).FirstOrDefault();

    private static IEnumerable<ApiException> Flatten(Exception exception) => exception switch
    {
        ApiException api => [api],
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.OfType<ApiException>(),
        _ => [],
    };

    private static IReadOnlyList<string> ReadRetryAfter(ApiException api)
    {
        foreach (var (name, values) in api.ResponseHeaders)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                return values.ToList();
            }
        }

        return [];
    }
}
