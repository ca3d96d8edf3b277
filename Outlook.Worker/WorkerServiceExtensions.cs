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
        // StackExchange.Redis reads replies on its own pool of 10 threads by default. In one worker
        // benchmark run on a shared 2-core machine, reading them on the .NET thread pool instead
        // cut the worker's CPU for 30,000 events from 28.6 to 22.2 s. Replies then wait for a free
        // pool thread, which is acceptable here because Worker:MaxPendingRecords bounds the work
        // queued on the pool.
        // NOTE: the webhook keeps the dedicated pool: under an open-loop overload its requests
        // flooded the thread pool and Redis calls timed out.
        builder.AddRedisClient("redis", configureOptions: options => options.SocketManager = StackExchange.Redis.SocketManager.ThreadPool);

        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        builder.Services.AddOptions<TenantsOptions>().BindConfiguration(TenantsOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TenantsOptions>, TenantsOptionsValidator>();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GraphClientProvider>();
        builder.Services.AddSingleton<WorkerMetrics>();
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
