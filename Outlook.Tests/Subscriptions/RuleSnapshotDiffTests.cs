using System.Text.Json;
using Outlook.Subscriptions.Rules;

namespace Outlook.Tests.Subscriptions;

public sealed class RuleSnapshotDiffTests
{
    private const string Forward = """{"id":"r1","displayName":"Forward","sequence":1,"isEnabled":true,"actions":{"forwardTo":[{"emailAddress":{"address":"x@evil.example"}}]}}""";
    private const string ForwardDisabled = """{"id":"r1","displayName":"Forward","sequence":1,"isEnabled":false,"actions":{"forwardTo":[{"emailAddress":{"address":"x@evil.example"}}]}}""";
    private const string MoveToFolder = """{"id":"r2","displayName":"Move","sequence":2,"isEnabled":true,"conditions":{"senderContains":["news"]},"actions":{"moveToFolder":"f1"}}""";
    private const string Opaque = """{"id":"r3","displayName":"","sequence":3,"isEnabled":true,"isReadOnly":true}""";

    [Fact]
    public void RuleDiff_NewRule_IsCreated()
    {
        var changes = RuleSnapshotDiff.Compare(Snapshot(), Snapshot(Forward));

        var change = Assert.Single(changes);
        Assert.Equal("created", change.ChangeType);
        Assert.Equal("r1", change.RuleId);
    }

    [Fact]
    public void RuleDiff_ChangedRule_IsUpdated()
    {
        var changes = RuleSnapshotDiff.Compare(Snapshot(Forward, MoveToFolder), Snapshot(ForwardDisabled, MoveToFolder));

        var change = Assert.Single(changes);
        Assert.Equal("updated", change.ChangeType);
        Assert.False(change.Rule.GetProperty("isEnabled").GetBoolean());
    }

    [Fact]
    public void RuleDiff_RemovedRule_IsDeleted()
    {
        var changes = RuleSnapshotDiff.Compare(Snapshot(Forward, MoveToFolder), Snapshot(MoveToFolder));

        var change = Assert.Single(changes);
        Assert.Equal("deleted", change.ChangeType);
        Assert.Equal("Forward", change.Rule.GetProperty("displayName").GetString());
    }

    [Fact]
    public void RuleDiff_OpaqueReadOnlyRule_IsCreated()
    {
        var changes = RuleSnapshotDiff.Compare(Snapshot(Forward), Snapshot(Forward, Opaque));

        var change = Assert.Single(changes);
        Assert.Equal("created", change.ChangeType);
        Assert.Equal("r3", change.RuleId);
    }

    [Fact]
    public void RuleDiff_RuleWithoutId_IsKept()
    {
        var snapshot = Snapshot("""{"isReadOnly":true}""");

        var key = Assert.Single(snapshot.Keys);
        Assert.StartsWith("opaque-", key, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleDiff_SnapshotRoundTrip_FindsNoChange()
    {
        var before = Snapshot(Forward, MoveToFolder, Opaque);

        var stored = RuleSnapshotDiff.Deserialize(RuleSnapshotDiff.Serialize(before));

        Assert.Empty(RuleSnapshotDiff.Compare(stored, Snapshot(Forward, MoveToFolder, Opaque)));
    }

    [Fact]
    public void RuleDiff_ChangedRule_ChangesVersion() =>
        Assert.NotEqual(RuleSnapshotDiff.Version(Parse(Forward)), RuleSnapshotDiff.Version(Parse(ForwardDisabled)));

    private static Dictionary<string, JsonElement> Snapshot(params string[] rules) =>
        RuleSnapshotDiff.ToSnapshot(rules.Select(Parse));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
