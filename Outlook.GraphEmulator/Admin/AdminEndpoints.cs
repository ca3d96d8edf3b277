using Outlook.GraphEmulator.Faults;
using Outlook.GraphEmulator.Mail;
using Outlook.GraphEmulator.Notifications;
using Outlook.GraphEmulator.Replay;
using Outlook.GraphEmulator.Subscriptions;
using Outlook.GraphEmulator.Throttling;

namespace Outlook.GraphEmulator.Admin;

/// <summary>The emulator's control API under /emulator: replay, generator, faults, statistics and reset. Not part of Graph.</summary>
public static class AdminEndpoints
{
    /// <summary>Prefixes of the canary strings in every subject, body, preview and attachment name.</summary>
    public static readonly IReadOnlyList<string> CanaryPrefixes =
        ["CANARY-SUBJECT-", "CANARY-BODY-", "CANARY-PREVIEW-", "CANARY-ATTACHMENT-"];

    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/emulator");
        admin.MapGet("/status", Status);
        admin.MapGet("/canaries", () => Results.Json(new { prefixes = CanaryPrefixes }));
        admin.MapPost("/reset", Reset);

        admin.MapPost("/replay/start", (ReplayService replay) => { replay.Start(); return Results.Json(replay.Status); });
        admin.MapPost("/replay/pause", (ReplayService replay) => { replay.Pause(); return Results.Json(replay.Status); });
        admin.MapPost("/replay/speed", SetSpeed);
        admin.MapPost("/generator/run", RunGenerator);

        admin.MapGet("/statistics", Statistics);
        admin.MapMailboxAdminEndpoints();
        admin.MapFaultEndpoints();
    }

    private static IResult Status(ReplayService replay, MailboxStore mailboxes, SubscriptionStore subscriptions, FaultState faults) =>
        Results.Json(new
        {
            replay = replay.Status,
            mailboxes = mailboxes.All.Count,
            subscriptions = subscriptions.Active.Count(),
            faults = faults.Switches,
            retryAfterForm = faults.RetryAfterForm.ToString(),
            dropUntil = faults.DropUntil,
            throttleUntil = faults.ThrottleUntil,
            deltaGeneration = faults.DeltaGeneration,
            canaryPrefixes = CanaryPrefixes,
        });

    private static IResult SetSpeed(SpeedRequest request, ReplayService replay)
    {
        if (!(request.Factor > 0))
        {
            return Results.BadRequest(new { error = $"factor must be greater than 0; got {request.Factor}." });
        }

        replay.SetFactor(request.Factor);
        return Results.Json(replay.Status);
    }

    private static IResult RunGenerator(GeneratorRequest request, SyntheticGenerator generator)
    {
        if (request.Actions is < 1 or > 1_000_000)
        {
            return Results.BadRequest(new { error = $"actions must be between 1 and 1000000; got {request.Actions}." });
        }

        return Results.Json(new { performed = generator.Run(request.Actions, request.Seed) });
    }

    private static IResult Statistics(SubscriptionStore subscriptions) =>
        Results.Json(new
        {
            totals = subscriptions.Totals(),
            subscriptions = subscriptions.All.Select(s => new
            {
                id = s.Id,
                userId = s.UserId,
                active = subscriptions.IsActive(s.Id),
                counts = s.Statistics.Read(),
            }),
        });

    private static IResult Reset(
        ReplayService replay,
        MailboxStore mailboxes,
        SubscriptionStore subscriptions,
        FaultState faults,
        MailboxUsageTracker usage)
    {
        replay.Rewind();
        subscriptions.Clear();
        faults.Reset();
        faults.ExpireDeltaLinks();
        usage.Reset();
        mailboxes.Reset();
        return Results.NoContent();
    }

    private static void MapFaultEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/faults", (FaultState faults) => Results.Json(faults.Switches));
        admin.MapPut("/faults", (FaultSwitches switches, FaultState faults) =>
        {
            faults.Switches = switches;
            return Results.Json(faults.Switches);
        });
        admin.MapPost("/faults/drop", (DropRequest request, FaultState faults, TimeProvider time) =>
        {
            faults.DropUntil = time.GetUtcNow() + request.Duration;
            return Results.Json(new { dropUntil = faults.DropUntil });
        });
        admin.MapPost("/faults/throttle", (ThrottleRequest request, FaultState faults, TimeProvider time) =>
        {
            faults.RetryAfterForm = request.RetryAfterForm ?? faults.RetryAfterForm;
            faults.ThrottleUntil = time.GetUtcNow() + request.Duration;
            return Results.Json(new { throttleUntil = faults.ThrottleUntil, retryAfterForm = faults.RetryAfterForm.ToString() });
        });
        admin.MapPost("/faults/retry-after", (RetryAfterRequest request, FaultState faults) =>
        {
            faults.RetryAfterForm = request.RetryAfterForm;
            return Results.NoContent();
        });
        admin.MapPost("/faults/expire-delta-links", (FaultState faults) =>
        {
            faults.ExpireDeltaLinks();
            return Results.Json(new { deltaGeneration = faults.DeltaGeneration });
        });
        admin.MapPost("/subscriptions/{id}/remove", (string id, SubscriptionStore store, NotificationRouter router) =>
        {
            if (store.Remove(id) is not { } subscription)
            {
                return Results.NotFound(new { error = $"Subscription '{id}' is not active." });
            }

            return Results.Json(new { lifecycleNotificationSent = router.PublishLifecycle(subscription, LifecycleEvents.SubscriptionRemoved) });
        });
        admin.MapPost("/subscriptions/{id}/missed", (string id, SubscriptionStore store, NotificationRouter router) =>
            SendLifecycle(id, LifecycleEvents.Missed, store, router));
        admin.MapPost("/subscriptions/{id}/reauthorization-required", (string id, SubscriptionStore store, NotificationRouter router) =>
            SendLifecycle(id, LifecycleEvents.ReauthorizationRequired, store, router));
    }

    private static IResult SendLifecycle(string id, string lifecycleEvent, SubscriptionStore store, NotificationRouter router) =>
        store.Find(id) is { } subscription
            ? Results.Json(new { lifecycleNotificationSent = router.PublishLifecycle(subscription, lifecycleEvent) })
            : Results.NotFound(new { error = $"Subscription '{id}' is not active." });
}
