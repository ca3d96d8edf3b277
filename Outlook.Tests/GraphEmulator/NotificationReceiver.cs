using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Outlook.Tests.GraphEmulator;

/// <summary>
/// A minimal notification endpoint on 127.0.0.1. It responds to Graph's validation request and
/// records every notification POST. <see cref="StatusCode"/> is the status that POSTs receive.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;
    private int _failedRequests;

    private NotificationReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<JsonObject> Notifications { get; } = new();

    public ConcurrentQueue<JsonObject> LifecycleNotifications { get; } = new();

    public ConcurrentQueue<string> ValidationTokens { get; } = new();

    public int StatusCode { get; set; } = 202;

    /// <summary>Notification POSTs rejected with 503 by <see cref="FailNext"/> so far.</summary>
    public int FailedRequests => Volatile.Read(ref _failedRequests);

    /// <summary>Rejects the next <paramref name="count"/> notification POSTs with 503, each after <paramref name="delay"/>.</summary>
    public void FailNext(int count, TimeSpan delay)
    {
        FailureDelay = delay;
        Volatile.Write(ref _failuresLeft, count);
    }

    private TimeSpan FailureDelay { get; set; }

    public string BaseUrl => _app.Urls.First();

    public string NotificationUrl => BaseUrl + "/notifications";

    public string LifecycleUrl => BaseUrl + "/lifecycle";

    public int ItemCount => Notifications.Sum(n => n["value"]!.AsArray().Count);

    public static async Task<NotificationReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.MapPost("/notifications", (Delegate)((HttpContext context) => receiver.HandleAsync(context, receiver.Notifications)));
        app.MapPost("/lifecycle", (Delegate)((HttpContext context) => receiver.HandleAsync(context, receiver.LifecycleNotifications)));
        await app.StartAsync(cancellationToken);
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> is true, failing when <paramref name="cancellationToken"/> fires first.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<IResult> HandleAsync(HttpContext context, ConcurrentQueue<JsonObject> target)
    {
        if (context.Request.Query.TryGetValue("validationToken", out var token))
        {
            ValidationTokens.Enqueue(token.ToString());
            return Results.Text(token.ToString(), "text/plain");
        }

        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        if (TryTakeFailure())
        {
            Interlocked.Increment(ref _failedRequests);
            await Task.Delay(FailureDelay, context.RequestAborted);
            return Results.StatusCode(503);
        }

        if (StatusCode is >= 200 and < 300)
        {
            target.Enqueue(body!.AsObject());
        }

        return Results.StatusCode(StatusCode);
    }

    private bool TryTakeFailure()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _failuresLeft);
            if (left <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) != left);

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
