using System.Text.Json;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.GraphAccess;
using Outlook.Subscriptions.Kafka;
using Outlook.Subscriptions.Telemetry;
using Outlook.Subscriptions.Throttling;
using StackExchange.Redis;

namespace Outlook.Subscriptions.Rules;

/// <summary>Polls a mailbox's inbox rules, produces a record per change and stores the new snapshot.</summary>
public sealed partial class RulePoller(
    GraphClientProvider graph,
    GraphThrottle throttle,
    NotificationProducer producer,
    IConnectionMultiplexer redis,
    TimeProvider time,
    SubscriptionsTelemetry telemetry,
    ILogger<RulePoller> logger)
{
    /// <summary>Returns the number of rule changes produced.</summary>
    public async Task<int> PollAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        var rules = await ListRulesAsync(tenantId, mailboxId, cancellationToken);
        var db = redis.GetDatabase();
        var snapshotKey = RedisKeys.RuleSnapshot(tenantId, mailboxId);
        var previous = RuleSnapshotDiff.Deserialize(await db.StringGetAsync(snapshotKey));
        var current = RuleSnapshotDiff.ToSnapshot(rules);

        var changes = RuleSnapshotDiff.Compare(previous, current);
        foreach (var change in changes)
        {
            await producer.ProduceIfNewAsync(ToRecord(tenantId, mailboxId, change), cancellationToken);
            telemetry.RuleChanges.Add(1, SubscriptionsTelemetry.Tenant(tenantId), new("outlook.change_type", change.ChangeType));
        }

        // The snapshot moves on only after every change is on Kafka, so a crash repeats changes, never loses them.
        if (changes.Count > 0 || previous.Count == 0)
        {
            await db.StringSetAsync(snapshotKey, RuleSnapshotDiff.Serialize(current));
        }

        if (changes.Count > 0)
        {
            LogRuleChanges(tenantId, mailboxId, changes.Count);
        }

        return changes.Count;
    }

    private async Task<List<JsonElement>> ListRulesAsync(string tenantId, string mailboxId, CancellationToken cancellationToken)
    {
        var client = graph.GetClient(tenantId);
        var request = client.Users[mailboxId].MailFolders["inbox"].MessageRules.ToGetRequestInformation();
        var rules = new List<JsonElement>();
        while (true)
        {
            var pageRequest = request;
            using var page = await throttle.SendAsync(
                tenantId, mailboxId, "messageRules.list",
                token => GraphRequests.SendForJsonAsync(client, pageRequest, token),
                cancellationToken);

            if (page.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                rules.AddRange(value.EnumerateArray().Select(rule => rule.Clone()));
            }

            if (page.RootElement.TryGetProperty("@odata.nextLink", out var next) && next.GetString() is { } nextLink)
            {
                request = GraphRequests.ForLink(nextLink);
                continue;
            }

            return rules;
        }
    }

    private NotificationRecord ToRecord(string tenantId, string mailboxId, RuleChange change) => new()
    {
        Kind = RecordKinds.Rule,
        Origin = RecordOrigins.RulePoll,
        TenantId = tenantId,
        MailboxId = mailboxId,
        ChangeType = change.ChangeType,
        Resource = $"Users/{mailboxId}/MailFolders/inbox/MessageRules/{change.RuleId}",
        ResourceId = change.RuleId,
        ReceivedAt = time.GetUtcNow(),
        ResourceData = change.Rule,
        ChangeKey = ChangeKeys.ForItem(RecordKinds.Rule, tenantId, mailboxId, change.RuleId, change.ChangeType, RuleSnapshotDiff.Version(change.Rule)),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox rules of tenant {TenantId} mailbox {MailboxId}: {ChangeCount} changes produced")]
    private partial void LogRuleChanges(string tenantId, string mailboxId, int changeCount);
}
