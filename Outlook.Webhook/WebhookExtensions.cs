using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Graph;
using Outlook.Webhook.Apis;
using Outlook.Webhook.Options;
using Outlook.Webhook.Processing;
using Outlook.Webhook.Security;
using Outlook.Webhook.Telemetry;

namespace Outlook.Webhook;

public static class WebhookExtensions
{
    /// <summary>
    /// Registers the webhook's options, request handling, verification, deduplication and
    /// producer. Expects AddKafkaClients and AddOutlookRedisClient("redis") to have run.
    /// </summary>
    public static IHostApplicationBuilder AddWebhook(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // ASP.NET Core's request log writes the whole URL, and Graph's handshake carries its
        // validationToken in the query string; our own log line names only the path.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddOptions<TenantsOptions>().BindConfiguration(TenantsOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(SigningKeyProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(provider =>
        {
            // The emulator serves its keys over https with a self-signed certificate named by thumbprint.
            var thumbprint = provider.GetRequiredService<IOptions<TenantsOptions>>().Value.Tenants
                .Select(tenant => tenant.TrustedCertificateThumbprint)
                .FirstOrDefault(value => !string.IsNullOrEmpty(value));
            return thumbprint is null ? new HttpClientHandler() : GraphClientProvider.CreateTrustingHandler(thumbprint);
        });

        services.AddSingleton<WebhookTelemetry>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<ValidationTokenValidator>();
        services.AddSingleton<NotificationDecryptor>();
        services.AddSingleton<NotificationVerifier>();
        services.AddSingleton<DedupStore>();
        services.AddSingleton<NotificationProducer>();
        services.AddSingleton<NotificationBatchProcessor>();
        services.AddSingleton<NotificationRequestReader>();
        services.AddSingleton<NotificationEndpoint>();
        services.AddProblemDetails();
        services.AddHostedService<WebhookWarmup>();

        return builder;
    }
}
