using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.Connection;
using Outlook.Subscriptions.Storage;

namespace Outlook.Subscriptions.Apis;

/// <summary>Management endpoints: connection test, subscription status per mailbox and forced resync.</summary>
public static class ManagementApi
{
    private const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();

        api.MapPost("/connection/test", TestConnectionAsync);
        api.MapGet("/subscriptions", ListSubscriptionsAsync);
        api.MapPost("/mailboxes/{mailboxId}/resync", RequestResyncAsync);

        return app;
    }

    public static async Task<Ok<ConnectionTestResponse>> TestConnectionAsync(ConnectionTester tester, CancellationToken cancellationToken)
    {
        var reports = await tester.TestAllAsync(cancellationToken);
        return TypedResults.Ok(new ConnectionTestResponse(reports.All(report => report.Succeeded), reports));
    }

    public static async Task<Results<Ok<SubscriptionListResponse>, ProblemHttpResult>> ListSubscriptionsAsync(
        MailboxStore store,
        IOptionsMonitor<TenantsOptions> tenants,
        string? tenantId,
        int? offset,
        int? limit)
    {
        var start = offset ?? 0;
        var size = limit ?? 100;
        if (start < 0 || size < 1 || size > MaxPageSize)
        {
            return TypedResults.Problem($"offset must be 0 or more and limit between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var tenantIds = tenants.CurrentValue.Tenants.Select(tenant => tenant.TenantId)
            .Where(id => tenantId is null || string.Equals(id, tenantId, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (tenantIds.Count == 0)
        {
            return TypedResults.Problem($"Tenant '{tenantId}' is not configured.", statusCode: StatusCodes.Status404NotFound);
        }

        var result = new List<TenantSubscriptions>();
        foreach (var id in tenantIds)
        {
            var total = await store.CountMailboxesAsync(id);
            var mailboxes = await store.PageMailboxesAsync(id, start, size);
            var states = new List<MailboxState>();
            foreach (var mailboxId in mailboxes)
            {
                states.Add(await store.GetStateAsync(id, mailboxId));
            }

            result.Add(new TenantSubscriptions(id, total, start, states));
        }

        return TypedResults.Ok(new SubscriptionListResponse(result));
    }

    public static async Task<Results<Accepted<ResyncResponse>, ProblemHttpResult>> RequestResyncAsync(
        MailboxStore store,
        IOptionsMonitor<TenantsOptions> tenants,
        string mailboxId,
        string? tenantId)
    {
        foreach (var tenant in tenants.CurrentValue.Tenants)
        {
            if (tenantId is not null && !string.Equals(tenant.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (await store.IsWatchedAsync(tenant.TenantId, mailboxId))
            {
                await store.RequestResyncAsync(tenant.TenantId, mailboxId);
                return TypedResults.Accepted((string?)null, new ResyncResponse(tenant.TenantId, mailboxId.ToLowerInvariant(),
                    "Resync requested; the tenant's leader runs it within one schedule interval."));
            }
        }

        return TypedResults.Problem(
            $"Mailbox '{mailboxId}' is not watched in {(tenantId is null ? "any configured tenant" : $"tenant '{tenantId}'")}. "
            + "Use the user's object id as listed by GET /api/subscriptions.",
            statusCode: StatusCodes.Status404NotFound);
    }
}

public sealed record ConnectionTestResponse(bool Succeeded, IReadOnlyList<ConnectionTestReport> Tenants);

public sealed record SubscriptionListResponse(IReadOnlyList<TenantSubscriptions> Tenants);

public sealed record TenantSubscriptions(string TenantId, long MailboxCount, int Offset, IReadOnlyList<MailboxState> Mailboxes);

public sealed record ResyncResponse(string TenantId, string MailboxId, string Message);
