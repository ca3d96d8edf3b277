using System.Diagnostics;
using Outlook.Webhook.Notifications;
using Outlook.Webhook.Processing;
using Outlook.Webhook.Telemetry;

namespace Outlook.Webhook.Apis;

/// <summary>The endpoints Graph posts change and lifecycle notifications to.</summary>
public static class NotificationsApi
{
    public const string NotificationsPath = "/api/notifications";
    public const string LifecyclePath = "/api/lifecycle";

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(NotificationsPath, HandleNotificationsAsync);
        app.MapPost(LifecyclePath, HandleLifecycleAsync);
        return app;
    }

    /// <summary>Validation handshakes and change notifications of message subscriptions.</summary>
    internal static Task<IResult> HandleNotificationsAsync(HttpContext context, NotificationEndpoint endpoint, CancellationToken cancellationToken) =>
        endpoint.HandleAsync(context, cancellationToken);

    /// <summary>
    /// Validation handshakes and lifecycle notifications. They are handled like change
    /// notifications, because an item's lifecycleEvent marks its kind and both kinds share one topic.
    /// </summary>
    internal static Task<IResult> HandleLifecycleAsync(HttpContext context, NotificationEndpoint endpoint, CancellationToken cancellationToken) =>
        endpoint.HandleAsync(context, cancellationToken);
}

/// <summary>Answers one notification request: handshake, request limits, then the batch itself.</summary>
internal sealed class NotificationEndpoint(
    NotificationRequestReader reader,
    NotificationBatchProcessor processor,
    WebhookTelemetry telemetry,
    ILogger<NotificationEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = telemetry.ActivitySource.StartActivity("receive notifications");
        try
        {
            return await RespondAsync(context, cancellationToken);
        }
        finally
        {
            telemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<IResult> RespondAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var path = context.Request.Path.Value ?? "";

        // Graph validates a notification URL by posting ?validationToken=... and expects the
        // decoded token back as text/plain. The query parser already turned '+' into spaces.
        if (context.Request.Query.TryGetValue("validationToken", out var token))
        {
            WebhookLog.ValidationTokenReturned(logger, path);
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.Text(token.ToString(), "text/plain");
        }

        var (batch, problem) = await reader.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            telemetry.Reject(problem.Reason);
            WebhookLog.RequestRejected(logger, path, problem.Title);
            return TypedResults.Problem(problem.Detail, statusCode: problem.StatusCode, title: problem.Title);
        }

        var outcome = await processor.ProcessAsync(batch!, cancellationToken);
        if (!outcome.Durable)
        {
            return TypedResults.Problem(
                "The notifications could not be stored in time; retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Notifications not stored");
        }

        // A batch whose every item was rejected still gets 202. Graph retries any other status
        // for four hours, and it delays delivery to an endpoint that fails often. A 4xx for a
        // subscription we deleted, or for a stale clientState, would therefore hold back good
        // notifications for every mailbox. A forged batch gains nothing from the 202, because
        // nothing was produced, and each rejection is counted and logged.
        var summary = new BatchSummary(outcome.Accepted, outcome.Duplicates, outcome.Rejected);
        return TypedResults.Json(summary, WebhookJsonContext.Default.BatchSummary, statusCode: StatusCodes.Status202Accepted);
    }
}
