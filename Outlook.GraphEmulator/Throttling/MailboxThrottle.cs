using System.Globalization;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Faults;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Throttling;

/// <summary>
/// Throttles as Outlook does. A request gets 429 when its mailbox already has the maximum number of
/// concurrent requests, when the mailbox has spent its request budget for the window, or while a
/// throttle storm is on. The Retry-After header takes the form chosen through the admin API.
/// </summary>
public sealed class MailboxThrottle(
    MailboxUsageTracker tracker,
    FaultState faults,
    IOptions<EmulatorOptions> options,
    TimeProvider time,
    EmulatorTelemetry telemetry) : IEndpointFilter
{

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var now = time.GetUtcNow();
        if (now < faults.ThrottleUntil)
        {
            return Throttled(context.HttpContext, now);
        }

        if (context.HttpContext.Request.RouteValues["userId"] is not string userId)
        {
            return await next(context);
        }

        var settings = options.Value;
        var usage = tracker.For(userId);
        if (!usage.TryEnter(now, settings))
        {
            return Throttled(context.HttpContext, now);
        }

        try
        {
            return await next(context);
        }
        finally
        {
            usage.Exit();
        }
    }

    private IResult Throttled(HttpContext context, DateTimeOffset now)
    {
        telemetry.RequestsThrottled.Add(1);
        var retryAfter = options.Value.ThrottleRetryAfter;
        context.Response.Headers.RetryAfter = faults.RetryAfterForm switch
        {
            RetryAfterForm.FractionalSeconds => retryAfter.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            RetryAfterForm.HttpDate => (now + retryAfter).ToString("r", CultureInfo.InvariantCulture),
            _ => Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        };
        var requestId = Guid.NewGuid().ToString();
        return Results.Json(
            new Dictionary<string, object>
            {
                ["error"] = new Dictionary<string, object>
                {
                    ["code"] = "TooManyRequests",
                    ["innerError"] = new Dictionary<string, object>
                    {
                        ["code"] = "429",
                        ["date"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                        ["message"] = "Please retry after",
                        ["request-id"] = requestId,
                        ["status"] = "429",
                    },
                    ["message"] = "Please retry again later.",
                },
            },
            statusCode: 429);
    }
}
