using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Outlook.Subscriptions.Extensions;
using Outlook.Subscriptions.Scheduling;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Subscriptions;
using Outlook.Tests.Common;

namespace Outlook.Tests.Subscriptions;

/// <summary>The subscription manager's cycle run in-process on a fake clock, against the emulator, webhook, Redis and Kafka of the AppHost.</summary>
public sealed class SubscriptionRenewalTests(SubscriptionsInProcessFixture fixture) : IClassFixture<SubscriptionsInProcessFixture>
{
    [Fact]
    public async Task Renewal_TimePastMargin_EverySubscriptionRenewedBeforeExpiry()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = await BuildHostAsync(time);
        var tenantId = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Outlook.ServiceDefaults.Graph.TenantsOptions>>().Value.Tenants[0].TenantId;
        var store = host.Services.GetRequiredService<MailboxStore>();
        var planner = host.Services.GetRequiredService<RenewalPlanner>();
        var cycle = ActivatorUtilities.CreateInstance<TenantCycle>(host.Services);

        await cycle.RunAsync(tenantId, timeout.Token);
        var mailboxes = await store.ListMailboxesAsync(tenantId);
        var before = new Dictionary<string, MailboxState>();
        foreach (var mailboxId in mailboxes)
        {
            before[mailboxId] = await store.GetStateAsync(tenantId, mailboxId);
        }

        time.Advance(planner.Lifetime - planner.Margin + TimeSpan.FromMinutes(1));
        var renewedAt = time.GetUtcNow();
        await cycle.RunAsync(tenantId, timeout.Token);

        Assert.Equal(SubscriptionsAppFixture.MailboxCount, mailboxes.Count);
        foreach (var mailboxId in mailboxes)
        {
            var after = await store.GetStateAsync(tenantId, mailboxId);
            Assert.Equal(before[mailboxId].SubscriptionId, after.SubscriptionId);
            Assert.True(renewedAt < before[mailboxId].ExpiresAt, $"mailbox {mailboxId} was renewed after its subscription expired");
            Assert.True(after.ExpiresAt > before[mailboxId].ExpiresAt, $"mailbox {mailboxId} expiry did not move: {after.ExpiresAt:O}");
            Assert.Equal(renewedAt, after.LastRenewedAt);
        }
    }

    private async Task<IHost> BuildHostAsync(TimeProvider time)
    {
        var settings = (await fixture.EnvironmentOfAsync("worker"))
            .Where(entry => entry.Key.StartsWith("Outlook__Tenants__", StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key.Replace("__", ":", StringComparison.Ordinal), entry => (string?)entry.Value);
        var webhook = fixture.App.GetEndpoint("webhook", "http");
        settings["ConnectionStrings:redis"] = await fixture.GetConnectionStringAsync("redis");
        settings["ConnectionStrings:kafka"] = await fixture.GetConnectionStringAsync("kafka");
        settings["Subscriptions:NotificationUrl"] = new Uri(webhook, "/api/notifications").ToString();
        settings["Subscriptions:LifecycleNotificationUrl"] = new Uri(webhook, "/api/lifecycle").ToString();
        settings["Subscriptions:MaxLifetime"] = "03:00:00";
        settings["Subscriptions:RenewalMargin"] = "01:00:00";

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSubscriptionsServices();
        builder.Services.AddSingleton(time);
        return builder.Build();
    }
}
