using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Graph;
using Outlook.Worker.Enrichment;
using Outlook.Worker.Identity;
using Outlook.Worker.Processing;
using Outlook.Worker.Telemetry;

namespace Outlook.Worker;

internal static class WorkerServiceExtensions
{
    /// <summary>Registers the normaliser: options, Kafka and Redis clients, Graph clients per tenant, the consume loop and its health check.</summary>
    public static IHostApplicationBuilder AddNormalizerWorker(this IHostApplicationBuilder builder)
    {
        builder.AddKafkaClients();
        builder.AddOutlookRedisClient("redis");

        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        builder.Services.AddOptions<TenantsOptions>().BindConfiguration(TenantsOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TenantsOptions>, TenantsOptionsValidator>();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GraphClientProvider>();
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddSingleton<RedisReadRetry>();
        builder.Services.AddSingleton<IdentityResolver>();
        builder.Services.AddSingleton<MessageStateStore>();
        builder.Services.AddSingleton<MessageEnricher>();
        builder.Services.AddSingleton<RecordPreparer>();
        builder.Services.AddSingleton<OutputPublisher>();
        builder.Services.AddSingleton<MailboxBatchProcessor>();
        builder.Services.AddSingleton<MailboxDispatcher>();
        builder.Services.AddSingleton<NormalizerWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NormalizerWorker>());
        builder.Services.AddHealthChecks().AddCheck<WorkerHealthCheck>("normalizer", tags: ["live"]);
        return builder;
    }
}
