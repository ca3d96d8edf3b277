using Outlook.Webhook.Apis;

namespace Outlook.Webhook;

/// <summary>
/// Builds the request pipeline's singletons at start-up (Redis connection, Kafka producer,
/// certificates, signing keys), so the first notification does not pay for them against
/// Graph's 3-second deadline.
/// </summary>
internal sealed class WebhookWarmup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<NotificationEndpoint>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
