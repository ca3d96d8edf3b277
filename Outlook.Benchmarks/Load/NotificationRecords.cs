using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Outlook.Benchmarks.Infrastructure;
using Outlook.Contracts;

namespace Outlook.Benchmarks.Load;

/// <summary>
/// The records the webhook would produce for <see cref="NotificationPayloads"/>' notifications,
/// built here so the worker can be measured without the webhook in front of it.
/// </summary>
internal static class NotificationRecords
{
    public static NotificationRecord Create(NotificationPayloads payloads, long sequence, DateTimeOffset receivedAt)
    {
        using var document = JsonDocument.Parse(payloads.Body(sequence, 1));
        var item = document.RootElement.GetProperty("value")[0];
        var resourceData = item.GetProperty("resourceData").Clone();
        var index = (int)(sequence % payloads.SubscriptionCount);
        var mailboxId = NotificationPayloads.MailboxId(index);
        var messageId = resourceData.GetProperty("id").GetString()!;
        return new NotificationRecord
        {
            Kind = RecordKinds.Message,
            Origin = RecordOrigins.Webhook,
            TenantId = LocalStack.TenantId,
            MailboxId = mailboxId,
            SubscriptionId = NotificationPayloads.SubscriptionId(index),
            ChangeType = "created",
            Resource = item.GetProperty("resource").GetString(),
            ResourceId = messageId,
            ReceivedAt = receivedAt,
            ResourceData = resourceData,
            ChangeKey = ChangeKeys.ForMessage(LocalStack.TenantId, mailboxId, messageId, "created", resourceData.GetProperty("@odata.etag").GetString()),
        };
    }

    public static Message<string, byte[]> ToMessage(NotificationRecord record) => new()
    {
        Key = NotificationRecord.PartitionKey(record.TenantId, record.MailboxId),
        Value = JsonSerializer.SerializeToUtf8Bytes(record, NotificationJsonContext.Default.NotificationRecord),
        Headers = new Headers
        {
            {
                KafkaHeaderNames.ReceivedAt,
                Encoding.ASCII.GetBytes(record.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            },
        },
    };
}
