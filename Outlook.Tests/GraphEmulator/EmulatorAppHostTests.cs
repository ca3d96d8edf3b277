using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Outlook.Tests.Common;

namespace Outlook.Tests.GraphEmulator;

/// <summary>The emulator as the AppHost's default tenant, with the other services running against it.</summary>
public sealed class EmulatorAppHostTests(OutlookAppFixture fixture) : IClassFixture<OutlookAppFixture>
{
    [Fact]
    public async Task AppHost_Emulator_ServesEveryCorpusMailbox()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Operation);
        using var admin = fixture.App.CreateHttpClient("graph-emulator", "http");

        var mailboxes = await admin.GetFromJsonAsync<JsonArray>("/emulator/mailboxes", timeout.Token);

        Assert.Equal(100, mailboxes!.Count);
    }

    [Fact]
    public async Task AppHost_Webhook_AcknowledgesEmulatorNotification()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Pipeline);
        using var admin = fixture.App.CreateHttpClient("graph-emulator", "http");

        var subscription = await WaitForSubscriptionAsync(admin, timeout.Token);
        var userId = subscription["userId"]!.GetValue<string>();
        var subscriptionId = subscription["id"]!.GetValue<string>();
        using var delivered = await admin.PostAsJsonAsync($"/emulator/mailboxes/{userId}/messages", new { from = "someone@partner.example" }, timeout.Token);
        delivered.EnsureSuccessStatusCode();
        var counts = await WaitForAcknowledgedAsync(admin, subscriptionId, timeout.Token);

        Assert.True(counts["acknowledged"]!.GetValue<long>() > 0);
        Assert.Equal(0, counts["failed"]!.GetValue<long>());
    }

    /// <summary>Waits until the subscription manager has created an active subscription and returns it.</summary>
    private static async Task<JsonObject> WaitForSubscriptionAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        while (true)
        {
            var statistics = await admin.GetFromJsonAsync<JsonObject>("/emulator/statistics", cancellationToken);
            var active = statistics!["subscriptions"]!.AsArray().FirstOrDefault(s => s!["active"]!.GetValue<bool>());
            if (active is not null)
            {
                return active.AsObject();
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private static async Task<JsonObject> WaitForAcknowledgedAsync(HttpClient admin, string subscriptionId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var statistics = await admin.GetFromJsonAsync<JsonObject>("/emulator/statistics", cancellationToken);
            var counts = statistics!["subscriptions"]!.AsArray()
                .Single(s => s!["id"]!.GetValue<string>() == subscriptionId)!["counts"]!.AsObject();
            if (counts["acknowledged"]!.GetValue<long>() > 0 || counts["failed"]!.GetValue<long>() > 0)
            {
                return counts;
            }

            await Task.Delay(500, cancellationToken);
        }
    }
}
