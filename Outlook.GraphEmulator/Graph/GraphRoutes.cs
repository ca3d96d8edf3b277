using Outlook.GraphEmulator.Subscriptions;
using Outlook.GraphEmulator.Throttling;

namespace Outlook.GraphEmulator.Graph;

/// <summary>Maps the Graph v1.0 surface under /v1.0, every route behind bearer-token checks and throttling.</summary>
public static class GraphRoutes
{
    public const string Prefix = "/v1.0";

    /// <summary>Returns the Graph base address as the client reached it, for @odata links.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{Prefix}";

    public static void MapGraphEndpoints(this IEndpointRouteBuilder app)
    {
        var graph = app.MapGroup(Prefix)
            .AddEndpointFilter<GraphAuthentication>()
            .AddEndpointFilter<MailboxThrottle>();
        graph.MapSubscriptionEndpoints();
        graph.MapUserEndpoints();
        graph.MapMessageEndpoints();
        graph.MapMailFolderEndpoints();
        graph.MapDeltaEndpoints();
        graph.MapMessageRuleEndpoints();
    }

    /// <summary>Rewrites OData key syntax in request paths, so Users('x')/messages('y') reaches the same route as users/x/messages/y.</summary>
    public static IApplicationBuilder UseODataPathRewrite(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is not null && path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && path.Contains('(', StringComparison.Ordinal))
            {
                context.Request.Path = ODataPath.Normalize(path);
            }

            return next(context);
        });
}
