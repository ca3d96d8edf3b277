using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outlook.Tests.Common;

/// <summary>
/// Starts the whole AppHost in local mode (redis-server and the librdkafka mock cluster) once
/// per test class and waits until every resource is healthy. Derive from it to pass extra
/// configuration, such as emulator settings, through <see cref="Arguments"/>.
/// </summary>
public class OutlookAppFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    /// <summary>Configuration passed to the AppHost as command-line arguments ("Key=Value").</summary>
    protected virtual IEnumerable<string> Arguments => ["Infrastructure:Mode=local"];

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.AppStart);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Outlook_AppHost>(
            Arguments.ToArray(), timeout.Token);
        builder.Services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning);
        });

        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);

        var model = _app.Services.GetRequiredService<DistributedApplicationModel>();
        try
        {
            // Hidden resources (such as the project rebuilders Aspire adds) never start on their own.
            foreach (var resource in model.Resources.Where(IsVisible))
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Not every resource was healthy within {TestTimeouts.AppStart}: {DescribeResources(model)}");
        }
    }

    private bool IsVisible(IResource resource) =>
        !App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current) || !current.Snapshot.IsHidden;

    private string DescribeResources(DistributedApplicationModel model) => string.Join(
        "; ",
        model.Resources.Where(IsVisible).Select(resource => App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
            ? $"{resource.Name} {current.Snapshot.State?.Text ?? "no state"}/{current.Snapshot.HealthStatus?.ToString() ?? "no health"}"
            : $"{resource.Name} unknown"));

    public async Task<string> GetConnectionStringAsync(string resourceName)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        return await App.GetConnectionStringAsync(resourceName, timeout.Token)
            ?? throw new InvalidOperationException($"Resource '{resourceName}' has no connection string.");
    }

    public async Task DisposeAsync()
    {
        if (_app is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TestTimeouts.AppStop);
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
