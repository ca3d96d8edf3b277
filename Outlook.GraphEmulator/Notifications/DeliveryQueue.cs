using System.Threading.Channels;

namespace Outlook.GraphEmulator.Notifications;

/// <summary>Notifications waiting to be batched and posted, counted as queued when they enter.</summary>
public sealed class DeliveryQueue
{
    private readonly Channel<PendingNotification> _channel = Channel.CreateUnbounded<PendingNotification>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<PendingNotification> Reader => _channel.Reader;

    public void Enqueue(PendingNotification notification)
    {
        notification.Subscription.Statistics.Queued(1, notification.IsLifecycle);
        _channel.Writer.TryWrite(notification);
    }
}
