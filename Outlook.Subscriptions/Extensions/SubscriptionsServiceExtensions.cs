using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.CatchUp;
using Outlook.Subscriptions.Connection;
using Outlook.Subscriptions.Folders;
using Outlook.Subscriptions.Health;
using Outlook.Subscriptions.Kafka;
using Outlook.Subscriptions.Options;
using Outlook.Subscriptions.Recovery;
using Outlook.Subscriptions.Rules;
using Outlook.Subscriptions.Scheduling;
using Outlook.Subscriptions.Storage;
using Outlook.Subscriptions.Subscriptions;
using Outlook.Subscriptions.Telemetry;
using Outlook.Subscriptions.Throttling;
using Outlook.Subscriptions.Users;

namespace Outlook.Subscriptions.Extensions;

public static class SubscriptionsServiceExtensions
{
    /// <summary>Registers the subscription manager: options, Redis, Kafka, Graph access and the background services.</summary>
    public static IHostApplicationBuilder AddSubscriptionsServices(this IHostApplicationBuilder builder)
    {
        builder.AddOutlookRedisClient("redis");
        builder.AddKafkaClients();

        var services = builder.Services;
        services.AddOptions<SubscriptionsOptions>().BindConfiguration(SubscriptionsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SubscriptionsOptions>, SubscriptionsOptionsValidator>();
        services.AddOptions<TenantsOptions>().BindConfiguration(TenantsOptions.SectionName)
            .Validate(options => options.Tenants.Count > 0, $"{TenantsOptions.SectionName}:Tenants is empty: configure at least one tenant.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SubscriptionsTelemetry>();
        services.AddSingleton<GraphClientProvider>();
        services.AddSingleton<GraphThrottle>();
        services.AddSingleton<SubscriptionWriteLimiter>();
        services.AddSingleton<RedisLease>();
        services.AddSingleton<MailboxStore>();
        services.AddSingleton<NotificationProducer>();
        services.AddSingleton<ActivityTracker>();
        services.AddSingleton<IdentityMap>();
        services.AddSingleton<UserSync>();
        services.AddSingleton<FolderSync>();
        services.AddSingleton<DeltaCatchUp>();
        services.AddSingleton<RulePoller>();
        services.AddSingleton<RenewalPlanner>();
        services.AddSingleton<SubscriptionRequestFactory>();
        services.AddSingleton<SubscriptionManager>();
        services.AddSingleton<ConnectionTester>();
        services.AddSingleton<StateMarkerStore>();
        services.AddSingleton<StateRecovery>();
        services.AddSingleton<SyncHealth>();
        services.AddHealthChecks().AddCheck<SyncCycleHealthCheck>(SyncCycleHealthCheck.Name);

        services.AddHostedService<TenantScheduler>();
        services.AddHostedService<LifecycleConsumer>();

        return builder;
    }
}
