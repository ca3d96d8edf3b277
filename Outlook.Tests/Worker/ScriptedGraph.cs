using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Outlook.Tests.Worker;

/// <summary>
/// A local HTTP endpoint that serves Graph message requests from a script of responses, so the
/// real Microsoft.Graph SDK can be driven through 404, 429 and success. It records when each
/// request arrived and its query string.
/// </summary>
internal sealed class ScriptedGraph : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ScriptedGraph(WebApplication app) => _app = app;

    public ConcurrentQueue<(TimeSpan At, string Path, string Query)> Requests { get; } = new();

    /// <summary>Time on the clock that stamps <see cref="Requests"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public string BaseUrl { get; private set; } = "";

    public static async Task<ScriptedGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var graph = new ScriptedGraph(app);
        app.Run(graph.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        graph.BaseUrl = address + "/v1.0";
        return graph;
    }

    public GraphServiceClient CreateClient() =>
        new(GraphClientFactory.Create(), new AnonymousAuthenticationProvider(), BaseUrl);

    public void Enqueue(int status, string? body = null, params (string Name, string Value)[] headers) =>
        _script.Enqueue(async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers.Append(name, value);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body ?? ErrorBody(status));
        });

    public static string ErrorBody(int status) =>
        $$$"""{"error":{"code":"{{{(status == 404 ? "ErrorItemNotFound" : "TooManyRequests")}}}","message":"status {{{status}}}"}}""";

    private Task HandleAsync(HttpContext context)
    {
        Requests.Enqueue((_clock.Elapsed, context.Request.Path.Value ?? "", Uri.UnescapeDataString(context.Request.QueryString.Value ?? "")));
        if (_script.TryDequeue(out var respond))
        {
            return respond(context);
        }

        context.Response.StatusCode = 500;
        return context.Response.WriteAsync("""{"error":{"code":"NoScript","message":"no scripted response left"}}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
