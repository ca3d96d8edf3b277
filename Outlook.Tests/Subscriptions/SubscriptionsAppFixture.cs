using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outlook.Subscriptions.Storage;
using Outlook.Tests.Common;
using StackExchange.Redis;

namespace Outlook.Tests.Subscriptions;

/// <summary>
/// Starts the AppHost in local mode with the Graph emulator limited to <see cref="MailboxCount"/>
/// mailboxes and the subscription manager tuned to act within seconds, and waits until every
/// resource is healthy.
/// </summary>
public class SubscriptionsAppFixture : IAsyncLifetime
{
    public const string ApiKey = "subscriptions-test-api-key-0123456789";
    public const int MailboxCount = 4;

    private DistributedApplication? _app;
    private IConnectionMultiplexer? _redis;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    public IConnectionMultiplexer Redis => _redis ?? throw new InvalidOperationException("The application has not started.");

    /// <summary>False to leave the subscription manager out, for tests that run its parts in-process.</summary>
    protected virtual bool RunSubscriptionsService => true;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.AppStart);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Outlook_AppHost>(
            ["Infrastructure:Mode=local"], timeout.Token);
        builder.Services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning);
        });

        builder.CreateResourceBuilder(Project(builder, "graph-emulator"))
            .WithEnvironment("Emulator__MaxMailboxes", MailboxCount.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var subscriptions = Project(builder, "subscriptions");
        if (RunSubscriptionsService)
        {
            builder.CreateResourceBuilder(subscriptions)
                .WithEnvironment("Subscriptions__ApiKey", ApiKey)
                .WithEnvironment("Subscriptions__ScheduleInterval", "00:00:02")
                .WithEnvironment("Subscriptions__RulePollInterval", "00:00:02")
                .WithEnvironment("Subscriptions__InitialBackoff", "00:00:00.500");
        }
        else
        {
            builder.Resources.Remove(subscriptions);
        }

        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        foreach (var resource in builder.Resources.OfType<ProjectResource>())
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token);
        }

        _redis = await ConnectionMultiplexer.ConnectAsync(await GetConnectionStringAsync("redis"));
    }

    public async Task<string> GetConnectionStringAsync(string resourceName)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        return await App.GetConnectionStringAsync(resourceName, timeout.Token)
            ?? throw new InvalidOperationException($"Resource '{resourceName}' has no connection string.");
    }

    public HttpClient CreateEmulatorClient() => App.CreateHttpClient("graph-emulator", "http");

    /// <summary>Returns the emulator's active subscriptions as (id, userId) pairs.</summary>
    public async Task<IReadOnlyList<(string Id, string UserId)>> ActiveSubscriptionsAsync(CancellationToken cancellationToken)
    {
        using var emulator = CreateEmulatorClient();
        using var statistics = await emulator.GetFromJsonAsync<JsonDocument>("/emulator/statistics", cancellationToken)
            ?? throw new InvalidOperationException("The emulator returned no statistics.");
        return statistics.RootElement.GetProperty("subscriptions").EnumerateArray()
            .Where(subscription => subscription.GetProperty("active").GetBoolean())
            .Select(subscription => (subscription.GetProperty("id").GetString()!, subscription.GetProperty("userId").GetString()!))
            .ToList();
    }

    /// <summary>
    /// Waits until every mailbox is ready: Graph has its subscription, Redis its clientState, and
    /// the first catch-up ran. Returns the subscriptions ordered by user id.
    /// </summary>
    public async Task<IReadOnlyList<(string Id, string UserId)>> WaitForAllSubscribedAsync(CancellationToken cancellationToken)
    {
        var tenantId = (await EnvironmentOfAsync("subscriptions"))["Outlook__Tenants__0__TenantId"];
        var store = new MailboxStore(Redis, TimeProvider.System);
        var ready = await Polling.UntilAsync(
            async () =>
            {
                var found = new List<(string Id, string UserId)>();
                foreach (var subscription in await ActiveSubscriptionsAsync(cancellationToken))
                {
                    var state = await store.GetStateAsync(tenantId, subscription.UserId);
                    if (state.SubscriptionId == subscription.Id && state.LastCatchUpAt is not null)
                    {
                        found.Add(subscription);
                    }
                }

                return found;
            },
            found => found.Select(subscription => subscription.UserId).Distinct().Count() == MailboxCount,
            cancellationToken);
        return ready.OrderBy(subscription => subscription.UserId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Returns the user ids of the emulator's mailboxes.</summary>
    public async Task<IReadOnlyList<string>> MailboxIdsAsync(CancellationToken cancellationToken)
    {
        using var emulator = CreateEmulatorClient();
        using var mailboxes = await emulator.GetFromJsonAsync<JsonDocument>("/emulator/mailboxes", cancellationToken)
            ?? throw new InvalidOperationException("The emulator returned no mailboxes.");
        return mailboxes.RootElement.EnumerateArray().Select(mailbox => mailbox.GetProperty("userId").GetString()!).ToList();
    }

    /// <summary>Delivers a message to a mailbox's inbox through the emulator and returns its id.</summary>
    public async Task<string> DeliverAsync(string userId, CancellationToken cancellationToken)
    {
        using var emulator = CreateEmulatorClient();
        using var response = await emulator.PostAsJsonAsync(
            $"/emulator/mailboxes/{userId}/messages", new { from = "partner@external.example", attachments = 0, isRead = false }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken);
        return body!.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Posts to an emulator admin route and fails the test on an error status.</summary>
    public async Task PostAdminAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var emulator = CreateEmulatorClient();
        using var response = await emulator.PostAsJsonAsync(path, body ?? new { }, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>Reads the environment a running service received, for tests that build parts of it in-process.</summary>
    public async Task<Dictionary<string, string>> EnvironmentOfAsync(string resourceName)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var resource = model.Resources.OfType<ProjectResource>().Single(project => project.Name == resourceName);
        // NOTE: obsolete in Aspire 13 in favour of ExecutionConfigurationBuilder; this call still
        // resolves endpoint references, which is all a test needs.
#pragma warning disable CS0618
        return await resource.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Run);
#pragma warning restore CS0618
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_app is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TestTimeouts.AppStop);
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private static ProjectResource Project(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == name);
}

/// <summary>The same application without the subscription manager, which the test then runs in-process with a fake clock.</summary>
public sealed class SubscriptionsInProcessFixture : SubscriptionsAppFixture
{
    protected override bool RunSubscriptionsService => false;
}
