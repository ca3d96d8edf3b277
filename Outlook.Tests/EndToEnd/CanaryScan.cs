using StackExchange.Redis;

namespace Outlook.Tests.EndToEnd;

/// <summary>Looks for the emulator's subject, body, preview and attachment canaries in Kafka records, Redis and log lines.</summary>
public static class CanaryScan
{
    public static readonly IReadOnlyList<string> Prefixes = ["CANARY-SUBJECT-", "CANARY-BODY-", "CANARY-PREVIEW-", "CANARY-ATTACHMENT-"];

    public static IReadOnlyList<string> InRecords(IEnumerable<TopicRecord> records) =>
        [.. records.Where(r => Contains(r.Text) || Contains(r.Key)).Select(r => $"{r.Topic}[{r.Partition}]@{r.Offset}")];

    public static IReadOnlyList<string> InLines(IEnumerable<string> lines) => [.. lines.Where(Contains).Take(20)];

    /// <summary>Reads every key of every type and returns the keys whose name or value contains a canary.</summary>
    public static async Task<(int Keys, IReadOnlyList<string> Found)> InRedisAsync(string connectionString, CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var database = redis.GetDatabase();
        var found = new List<string>();
        var keys = 0;
        foreach (var server in redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 500).WithCancellation(cancellationToken))
            {
                keys++;
                var text = string.Join("\n", await ValuesAsync(database, key));
                if (Contains(key.ToString()) || Contains(text))
                {
                    found.Add(key.ToString());
                }
            }
        }

        return (keys, found);
    }

    private static async Task<IEnumerable<string>> ValuesAsync(IDatabase database, RedisKey key) =>
        await database.KeyTypeAsync(key) switch
        {
            RedisType.String => [(string?)await database.StringGetAsync(key) ?? ""],
            RedisType.Hash => (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}"),
            RedisType.Set => (await database.SetMembersAsync(key)).Select(v => v.ToString()),
            RedisType.SortedSet => (await database.SortedSetRangeByRankAsync(key)).Select(v => v.ToString()),
            RedisType.List => (await database.ListRangeAsync(key)).Select(v => v.ToString()),
            RedisType.Stream => (await database.StreamRangeAsync(key)).SelectMany(e => e.Values.Select(v => $"{v.Name}={v.Value}")),
            _ => [],
        };

    private static bool Contains(string? text) =>
        text is not null && Prefixes.Any(prefix => text.Contains(prefix, StringComparison.Ordinal));
}
