using System.Globalization;
using System.Text;
using Outlook.Benchmarks.Infrastructure;
using Outlook.Contracts;
using StackExchange.Redis;

namespace Outlook.Benchmarks.Load;

/// <summary>
/// Graph change notification collections with resourceData inlined (a "created" message, the
/// shape of Graph's rich notifications after decryption), spread over a fixed set of
/// subscriptions and mailboxes. Every item names a new message id, so the webhook's dedup never
/// drops one and each item becomes one record and one event.
/// </summary>
internal sealed class NotificationPayloads(int subscriptionCount, string runId)
{
    private readonly string _sentAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public int SubscriptionCount => subscriptionCount;

    public static string SubscriptionId(int index) => $"bench-sub-{index:D5}";

    public static string MailboxId(int index) => $"bench-user-{index:D5}";

    public static string ClientState(int index) => $"bench-client-state-{index:D5}";

    public static string Address(int index) => $"user{index:D5}@{LocalStack.InternalDomain}";

    /// <summary>Writes the subscription hashes the webhook verifies clientState against, and each mailbox owner's identity.</summary>
    public async Task SeedAsync(IConnectionMultiplexer redis)
    {
        var database = redis.GetDatabase();
        var writes = new List<Task>();
        for (var index = 0; index < subscriptionCount; index++)
        {
            writes.Add(database.HashSetAsync(RedisKeys.Subscription(SubscriptionId(index)),
            [
                new("tenantId", LocalStack.TenantId),
                new("mailboxId", MailboxId(index)),
                new("clientState", ClientState(index)),
                new("expiresAt", DateTimeOffset.UtcNow.AddDays(2).ToString("O", CultureInfo.InvariantCulture)),
                new("resource", $"users/{MailboxId(index)}/messages"),
            ]));
            writes.Add(database.HashSetAsync(RedisKeys.Identity(LocalStack.TenantId, MailboxId(index)),
            [
                new("address", Address(index)),
                new("upn", Address(index)),
                new("tuid", Tuids.Derive(LocalStack.TenantId, MailboxId(index))),
            ]));
        }

        await Task.WhenAll(writes);
    }

    /// <summary>Returns the UTF-8 body of one POST holding <paramref name="items"/> notifications numbered from <paramref name="firstSequence"/>.</summary>
    public byte[] Body(long firstSequence, int items)
    {
        var builder = new StringBuilder(1100 * items);
        builder.Append("{\"value\":[");
        for (var offset = 0; offset < items; offset++)
        {
            if (offset > 0)
            {
                builder.Append(',');
            }

            AppendItem(builder, firstSequence + offset);
        }

        builder.Append("]}");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private void AppendItem(StringBuilder builder, long sequence)
    {
        var index = (int)(sequence % subscriptionCount);
        var mailbox = MailboxId(index);
        var message = string.Create(CultureInfo.InvariantCulture, $"bench-{runId}-{sequence}");
        var resource = $"users('{mailbox}')/messages('{message}')";
        var external = sequence % 4 == 0;
        var from = external ? $"partner{sequence % 50}@external{sequence % 7}.com" : Address((index + 1) % subscriptionCount);
        builder.Append(CultureInfo.InvariantCulture,
            $$$"""{"subscriptionId":"{{{SubscriptionId(index)}}}","changeType":"created","clientState":"{{{ClientState(index)}}}","resource":"{{{resource}}}","tenantId":"{{{LocalStack.TenantId}}}","resourceData":{"@odata.type":"#Microsoft.Graph.message","@odata.id":"{{{resource}}}","@odata.etag":"W/\"CQAAABYAAAA\"","id":"{{{message}}}","createdDateTime":"{{{_sentAt}}}","receivedDateTime":"{{{_sentAt}}}","sentDateTime":"{{{_sentAt}}}","hasAttachments":{{{(sequence % 5 == 0 ? "true" : "false")}}},"importance":"normal","isRead":false,"isDraft":false,"internetMessageId":"<{{{message}}}@bench.example>","conversationId":"conv-{{{message}}}","parentFolderId":"inbox","from":{"emailAddress":{"name":"Sender","address":"{{{from}}}"}},"toRecipients":[{"emailAddress":{"name":"Owner","address":"{{{Address(index)}}}"}}],"ccRecipients":[{"emailAddress":{"name":"Colleague","address":"{{{Address((index + 2) % subscriptionCount)}}}"}}],"flag":{"flagStatus":"notFlagged"},"categories":[]}}""");
    }
}
