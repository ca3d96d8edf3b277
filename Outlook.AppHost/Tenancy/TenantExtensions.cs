using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Outlook.AppHost.Tenancy;

internal static class TenantExtensions
{
    private const string TenantsSection = "Outlook:Tenants";

    // The emulator replays at a pace a person can watch; without a cap, the corpus' sparse
    // first years would keep the dashboard idle for many minutes after start.
    private const string WatchableReplayMaxWait = "00:00:02";

    /// <summary>
    /// Adds the Graph emulator as the tenant, unless Outlook:Tenants names real tenants, and
    /// except when publishing: a deployment configures its tenants in its own environment.
    /// </summary>
    public static OutlookTenant AddOutlookTenant(this IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(TenantsSection)
            .AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToList();

        if (builder.ExecutionContext.IsPublishMode)
        {
            return new OutlookTenant(null, null, configured, AddPublishedTenantParameters(builder));
        }

        if (configured.Count > 0)
        {
            return new OutlookTenant(null, null, configured);
        }

        var settings = CreateEmulatedTenant();
        var corpusPath = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "data", "enron-mail-metadata.jsonl.gz"));

        var emulator = builder.AddProject<Projects.Outlook_GraphEmulator>("graph-emulator")
            .WithEnvironment("Emulator__TenantId", settings.TenantId)
            .WithEnvironment("Emulator__ClientId", settings.ClientId)
            .WithEnvironment("Emulator__ClientSecret", settings.ClientSecret)
            .WithEnvironment("Emulator__CorpusPath", corpusPath)
            .WithEnvironment("Emulator__ReplayMaxWait", builder.Configuration["Emulator:ReplayMaxWait"] ?? WatchableReplayMaxWait)
            .WithEnvironment("Kestrel__Certificates__Default__Path", settings.Tls.PfxPath)
            .WithEnvironment("Kestrel__Certificates__Default__Password", settings.Tls.Password)
            .WithHttpHealthCheck("/health", endpointName: "http");

        return new OutlookTenant(emulator, settings, configured);
    }

    /// <summary>Gives a service the tenant list under Outlook:Tenants, pointing at the emulator when there is one.</summary>
    public static IResourceBuilder<ProjectResource> WithTenant(this IResourceBuilder<ProjectResource> service, OutlookTenant tenant)
    {
        if (tenant.Published is { } published)
        {
            return service
                .WithEnvironment("Outlook__Tenants__0__TenantId", published.TenantId)
                .WithEnvironment("Outlook__Tenants__0__ClientId", published.ClientId)
                .WithEnvironment("Outlook__Tenants__0__ClientSecret", published.ClientSecret)
                .WithEnvironment("Outlook__Tenants__0__DomainId", published.DomainId)
                .WithEnvironment("Outlook__Tenants__0__InternalDomains__0", published.InternalDomain);
        }

        if (tenant.Emulator is not { } emulator || tenant.Emulated is not { } settings)
        {
            foreach (var (key, value) in tenant.ConfiguredTenantSettings)
            {
                service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }

            return service;
        }

        var https = emulator.GetEndpoint("https");
        return service
            .WithEnvironment("Outlook__Tenants__0__TenantId", settings.TenantId)
            .WithEnvironment("Outlook__Tenants__0__ClientId", settings.ClientId)
            .WithEnvironment("Outlook__Tenants__0__ClientSecret", settings.ClientSecret)
            .WithEnvironment("Outlook__Tenants__0__DomainId", settings.DomainId)
            .WithEnvironment("Outlook__Tenants__0__InternalDomains__0", settings.InternalDomain)
            .WithEnvironment("Outlook__Tenants__0__TrustedCertificateThumbprint", settings.Tls.Thumbprint)
            .WithEnvironment("Outlook__Tenants__0__AuthorityHost", ReferenceExpression.Create($"{https}/"))
            .WithEnvironment("Outlook__Tenants__0__GraphBaseUrl", ReferenceExpression.Create($"{https}/v1.0"))
            .WaitFor(emulator);
    }

    /// <summary>Gives the webhook what it needs to check and decrypt rich notifications from the emulator.</summary>
    public static IResourceBuilder<ProjectResource> WithRichNotificationKeys(this IResourceBuilder<ProjectResource> webhook, OutlookTenant tenant)
    {
        if (tenant.Emulator is not { } emulator || tenant.Emulated is not { } settings)
        {
            return webhook;
        }

        var https = emulator.GetEndpoint("https");
        return webhook
            .WithEnvironment("Webhook__ValidationTokens__JwksUrl", ReferenceExpression.Create($"{https}/common/discovery/v2.0/keys"))
            .WithEnvironment("Webhook__Decryption__Certificates__0__Path", settings.Encryption.PfxPath)
            .WithEnvironment("Webhook__Decryption__Certificates__0__Password", settings.Encryption.Password)
            .WithEnvironment("Webhook__Decryption__Certificates__0__Id", settings.EncryptionCertificateId);
    }

    /// <summary>Tells the subscription manager where Graph must deliver notifications, and which certificate rich ones are encrypted to.</summary>
    public static IResourceBuilder<ProjectResource> WithNotificationTarget(
        this IResourceBuilder<ProjectResource> subscriptions, IResourceBuilder<ProjectResource> webhook, OutlookTenant tenant)
    {
        if (tenant.Published is { } published)
        {
            // Graph reaches the webhook from the internet, through its public https address.
            webhook.WithExternalHttpEndpoints();
            subscriptions
                .WithEnvironment("Subscriptions__NotificationUrl", ReferenceExpression.Create($"{published.PublicWebhookUrl}/api/notifications"))
                .WithEnvironment("Subscriptions__LifecycleNotificationUrl", ReferenceExpression.Create($"{published.PublicWebhookUrl}/api/lifecycle"));
            return subscriptions;
        }

        // A real tenant's Graph cannot reach the local endpoint, so the AppHost's own
        // Subscriptions:NotificationUrl and Subscriptions:LifecycleNotificationUrl take precedence.
        var configuration = subscriptions.ApplicationBuilder.Configuration;
        var http = webhook.GetEndpoint("http");
        subscriptions
            .WithEnvironment(context => context.EnvironmentVariables["Subscriptions__NotificationUrl"] =
                (object?)configuration["Subscriptions:NotificationUrl"] ?? ReferenceExpression.Create($"{http}/api/notifications"))
            .WithEnvironment(context => context.EnvironmentVariables["Subscriptions__LifecycleNotificationUrl"] =
                (object?)configuration["Subscriptions:LifecycleNotificationUrl"] ?? ReferenceExpression.Create($"{http}/api/lifecycle"))
            .WaitFor(webhook);

        if (tenant.Emulated is { } settings)
        {
            subscriptions
                .WithEnvironment("Subscriptions__RichNotifications__CertificatePath", settings.Encryption.CerPath)
                .WithEnvironment("Subscriptions__RichNotifications__CertificateId", settings.EncryptionCertificateId);
        }

        return subscriptions;
    }

    private static PublishedTenantParameters AddPublishedTenantParameters(IDistributedApplicationBuilder builder) => new(
        TenantId: builder.AddParameter("tenant-id"),
        ClientId: builder.AddParameter("tenant-client-id"),
        ClientSecret: builder.AddParameter("tenant-client-secret", secret: true),
        DomainId: builder.AddParameter("tenant-domain-id"),
        InternalDomain: builder.AddParameter("tenant-internal-domain"),
        PublicWebhookUrl: builder.AddParameter("public-webhook-url"));

    private static EmulatedTenantSettings CreateEmulatedTenant()
    {
        var directory = Directory.CreateTempSubdirectory("outlook-apphost-").FullName;
        return new EmulatedTenantSettings(
            TenantId: "6f1d3c2a-5b7e-4a90-8c1d-2e3f4a5b6c7d",
            ClientId: "0d9c8b7a-6e5f-4d3c-9b2a-1f0e9d8c7b6a",
            ClientSecret: Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            DomainId: "emulated-domain",
            InternalDomain: "enron.com",
            Tls: DevelopmentCertificates.CreateTls(directory),
            Encryption: DevelopmentCertificates.CreateEncryption(directory),
            EncryptionCertificateId: "outlook-dev-encryption");
    }
}
