using Outlook.Contracts;
using Outlook.Worker.Normalization;
using StackExchange.Redis;

namespace Outlook.Worker.Identity;

/// <summary>
/// Remembers each message's read, flag and folder state in Redis so the next "updated" change can
/// be classified as read, unread, flagged or moved. Entries expire, so a message untouched for
/// <see cref="Retention"/> is reported as plain email_updated on its next change.
/// </summary>
internal sealed class MessageStateStore(IConnectionMultiplexer redis, RedisReadRetry retry)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static readonly RedisValue[] StateFields = ["read", "flag", "folder"];

    public static string Key(string tenantId, string mailboxId, string messageId) =>
        $"{RedisKeys.Prefix}msgstate:{tenantId}:{mailboxId.ToLowerInvariant()}:{messageId}";

    public async Task<MessageState?> GetAsync(string tenantId, string mailboxId, string messageId, CancellationToken cancellationToken)
    {
        var key = Key(tenantId, mailboxId, messageId);
        var values = await retry.ExecuteAsync(_ => new ValueTask<RedisValue[]>(redis.GetDatabase().HashGetAsync(key, StateFields)), cancellationToken);
        if (values.All(value => value.IsNull))
        {
            return null;
        }

        bool? isRead = values[0].IsNull ? null : values[0] == "1";
        return new MessageState(isRead, NullIfEmpty(values[1]), NullIfEmpty(values[2]));
    }

    public async Task SetAsync(string tenantId, string mailboxId, string messageId, MessageMetadata metadata)
    {
        var entries = new List<HashEntry>();
        if (metadata.IsRead is { } isRead)
        {
            entries.Add(new HashEntry("read", isRead ? "1" : "0"));
        }

        if (metadata.FlagStatus is { } flag)
        {
            entries.Add(new HashEntry("flag", flag));
        }

        if (metadata.ParentFolderId is { } folder)
        {
            entries.Add(new HashEntry("folder", folder));
        }

        if (entries.Count == 0)
        {
            return;
        }

        // Both commands are sent before either reply is awaited: one round trip instead of two.
        var key = Key(tenantId, mailboxId, messageId);
        var database = redis.GetDatabase();
        var set = database.HashSetAsync(key, [.. entries]);
        var expire = database.KeyExpireAsync(key, Retention);
        await Task.WhenAll(set, expire);
    }

    public Task DeleteAsync(string tenantId, string mailboxId, string messageId) =>
        redis.GetDatabase().KeyDeleteAsync(Key(tenantId, mailboxId, messageId));

    private static string? NullIfEmpty(RedisValue value) => value.IsNullOrEmpty ? null : (string?)value;
}
