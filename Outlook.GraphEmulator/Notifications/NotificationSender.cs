using System.Net.Http.Headers;
using System.Text;

namespace Outlook.GraphEmulator.Notifications;

/// <summary>
/// The HTTP client that calls subscribers. It is built here rather than through the client
/// factory because the service defaults add a resilience pipeline with its own retries and
/// timeouts, while delivery must follow Graph's retry contract alone.
/// </summary>
public sealed class NotificationSender : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        MaxConnectionsPerServer = 64,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>POSTs a JSON body; returns the status code, or throws when the request fails or times out.</summary>
    public async Task<int> PostJsonAsync(string url, string json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(url, content, timeoutSource.Token);
        return (int)response.StatusCode;
    }

    /// <summary>
    /// Sends Graph's validation request (POST {url}?validationToken={token} with text/plain).
    /// Returns whether the endpoint responded 200 with the decoded token as its body.
    /// </summary>
    public async Task<bool> ValidateEndpointAsync(string url, string token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        // Graph form-encodes the token, so its spaces arrive as '+'.
        var requestUrl = $"{url}{separator}validationToken={System.Web.HttpUtility.UrlEncode(token)}";
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, requestUrl)
        {
            Content = new StringContent("", Encoding.UTF8, "text/plain"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        using var response = await _client.SendAsync(request, timeoutSource.Token);
        if ((int)response.StatusCode != 200)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync(timeoutSource.Token);
        return string.Equals(body.Trim(), token, StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();
}
