using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Outlook.Tests.Common;

namespace Outlook.Tests.Infrastructure;

/// <summary>
/// Checks which notification URLs the AppHost hands the subscription manager. The model is built
/// but never started, so the callbacks run without endpoints being allocated.
/// </summary>
public sealed class NotificationTargetTests
{
    private const string PublicNotificationUrl = "https://hooks.contoso.example/api/notifications";
    private const string PublicLifecycleUrl = "https://hooks.contoso.example/api/lifecycle";

    private static readonly string[] RealTenantArguments =
    [
        "Infrastructure:Mode=local",
        "Outlook:Tenants:0:TenantId=11111111-2222-3333-4444-555555555555",
        "Outlook:Tenants:0:ClientId=66666666-7777-8888-9999-000000000000",
        "Outlook:Tenants:0:ClientSecret=not-a-real-secret",
    ];

    [Fact]
    public async Task NotificationTarget_ConfiguredPublicUrls_ArePassedToSubscriptions()
    {
        var environment = await SubscriptionsEnvironmentAsync(
            [.. RealTenantArguments, $"Subscriptions:NotificationUrl={PublicNotificationUrl}", $"Subscriptions:LifecycleNotificationUrl={PublicLifecycleUrl}"]);

        Assert.Equal(PublicNotificationUrl, environment["Subscriptions__NotificationUrl"]);
        Assert.Equal(PublicLifecycleUrl, environment["Subscriptions__LifecycleNotificationUrl"]);
    }

    [Fact]
    public async Task NotificationTarget_NoConfiguredUrl_UsesLocalWebhookEndpoint()
    {
        var environment = await SubscriptionsEnvironmentAsync(RealTenantArguments);

        var notificationUrl = Assert.IsType<ReferenceExpression>(environment["Subscriptions__NotificationUrl"]);
        Assert.EndsWith("/api/notifications", notificationUrl.ValueExpression, StringComparison.Ordinal);
        var lifecycleUrl = Assert.IsType<ReferenceExpression>(environment["Subscriptions__LifecycleNotificationUrl"]);
        Assert.EndsWith("/api/lifecycle", lifecycleUrl.ValueExpression, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, object>> SubscriptionsEnvironmentAsync(string[] arguments)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.AppStart);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Outlook_AppHost>(arguments, timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);

        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var subscriptions = model.Resources.OfType<ProjectResource>().Single(project => project.Name == "subscriptions");
        var executionContext = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();

        var environment = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(executionContext, environment, timeout.Token);
        foreach (var annotation in subscriptions.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await annotation.Callback(context);
        }

        return environment;
    }
}
