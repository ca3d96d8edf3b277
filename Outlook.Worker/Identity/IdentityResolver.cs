using Outlook.Contracts;
using Outlook.Worker.Normalization;
using Outlook.Worker.Telemetry;
using StackExchange.Redis;

namespace Outlook.Worker.Identity;

/// <summary>
/// Looks up the mailbox owner in the identity map (a Redis hash per user with address, upn and
/// tuid, written by the subscription manager's user sync). A user missing from the map gets the
/// derived TUID the user sync would also write, and the address the resource showed.
/// </summary>
internal sealed class IdentityResolver(IConnectionMultiplexer redis, RedisReadRetry retry, WorkerMetrics metrics)
{
    private static readonly RedisValue[] Fields = ["address", "upn", "tuid"];

    public async Task<MailboxIdentity> ResolveAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        var key = RedisKeys.Identity(tenantId, mailboxId);
        var entry = await retry.ExecuteAsync(_ => new ValueTask<RedisValue[]>(redis.GetDatabase().HashGetAsync(key, Fields)), cancellationToken);
        var address = FirstPresent(entry[0], entry[1]);
        var tuid = FirstPresent(entry[2]);
        if (tuid is not null)
        {
            return new MailboxIdentity(address ?? mailboxId, tuid, Mapped: true);
        }

        metrics.UnmappedUser();
        return new MailboxIdentity(address ?? mailboxId, Tuids.Derive(tenantId, mailboxId), Mapped: false);
    }

    private static string? FirstPresent(params RedisValue[] values) =>
        values.Where(value => value.HasValue && !value.IsNullOrEmpty).Select(value => (string?)value).FirstOrDefault();
}
