using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Outlook.Benchmarks;

/// <summary>
/// The physical limit the webhook is compared with: the same ASP.NET Core host and minimal API
/// routing on Kestrel, answering 202 to a POST without reading or checking anything.
/// </summary>
internal static class BareServer
{
    public const string Command = "bare-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/api/notifications", () => Results.StatusCode(StatusCodes.Status202Accepted));
        await app.RunAsync();
        return 0;
    }
}
