using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Outlook.Subscriptions.GraphAccess;

/// <summary>Request options shared by every Graph call of the service.</summary>
public static class GraphRequests
{
    /// <summary>Header that makes Graph return ids which survive a message moving between folders.</summary>
    public const string PreferImmutableIds = "IdType=\"ImmutableId\"";

    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new(StringComparer.Ordinal)
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    /// <summary>
    /// Turns the SDK's own retry handler off for one request. It retries a 429 without checking
    /// every Retry-After form; <see cref="Throttling.GraphThrottle"/> does that instead.
    /// </summary>
    public static RetryHandlerOption NoSdkRetry() => new()
    {
        MaxRetry = 0,
        ShouldRetry = (_, _, _) => false,
    };

    /// <summary>Applies the options every typed request carries: no SDK retry, immutable ids.</summary>
    public static void Configure<T>(RequestConfiguration<T> configuration)
        where T : class, new()
    {
        configuration.Options.Add(NoSdkRetry());
        configuration.Headers.Add("Prefer", PreferImmutableIds);
    }

    /// <summary>Builds a GET for an absolute link Graph returned (@odata.nextLink or @odata.deltaLink).</summary>
    public static RequestInformation ForLink(string link) => new()
    {
        HttpMethod = Method.GET,
        URI = new Uri(link),
    };

    /// <summary>Sends a request and returns the raw JSON body, so fields can be filtered by an allow-list before anything is kept.</summary>
    public static async Task<JsonDocument> SendForJsonAsync(
        GraphServiceClient client,
        RequestInformation request,
        CancellationToken cancellationToken)
    {
        request.AddRequestOptions([NoSdkRetry()]);
        request.Headers.TryAdd("Prefer", PreferImmutableIds);
        request.Headers.TryAdd("Accept", "application/json");

        await using var body = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, cancellationToken)
            ?? throw new InvalidOperationException($"Graph returned no body for GET {request.URI}.");
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }
}
