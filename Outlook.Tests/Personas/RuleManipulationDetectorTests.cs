using Outlook.Contracts.Alerts;
using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.State;

namespace Outlook.Tests.Personas;

public sealed class RuleManipulationDetectorTests
{
    private static readonly DateTimeOffset Time = PersonaEvents.Start.AddHours(10);

    [Fact]
    public void RuleDetector_ExternalForwardOnFirstEvent_Fires()
    {
        var alerts = PersonaEvents.Replay(new PersonaState(), [PersonaEvents.Rule(Time, "r1", forwardTo: ["drop.example"])]);

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertDetectors.RuleManipulation, alert.DetectorId);
        Assert.Equal(AlertSeverities.High, alert.Severity);
        Assert.Equal(["drop.example"], alert.Evidence.Domains);
        Assert.Equal(["r1"], alert.Evidence.RuleIds);
    }

    [Fact]
    public void RuleDetector_InternalForward_IsSilent()
    {
        var alerts = PersonaEvents.Replay(new PersonaState(), [PersonaEvents.Rule(Time, "r1", forwardTo: ["sales.contoso.com"])]);

        Assert.Empty(alerts);
    }

    [Fact]
    public void RuleDetector_NormaliserSaysNotExternal_IsSilent()
    {
        var alerts = PersonaEvents.Replay(new PersonaState(), [PersonaEvents.Rule(Time, "r1", forwardTo: ["fabrikam.example"], anyExternal: false)]);

        Assert.Empty(alerts);
    }

    [Theory]
    [InlineData("RSS Feeds")]
    [InlineData("conversationhistory")]
    [InlineData("Junk Email")]
    public void RuleDetector_MoveToObscureFolder_Fires(string folder)
    {
        var alerts = PersonaEvents.Replay(new PersonaState(), [PersonaEvents.Rule(Time, "r1", moveTo: folder)]);

        var alert = Assert.Single(alerts);
        Assert.Equal(["move"], alert.Evidence.RuleActions);
    }

    [Fact]
    public void RuleDetector_MoveToOrdinaryFolder_IsSilent()
    {
        var alerts = PersonaEvents.Replay(new PersonaState(), [PersonaEvents.Rule(Time, "r1", moveTo: "Projects")]);

        Assert.Empty(alerts);
    }

    [Fact]
    public void RuleDetector_DeleteRule_Fires()
    {
        var alerts = PersonaEvents.Replay(new PersonaState(), [PersonaEvents.Rule(Time, "r1", delete: true)]);

        Assert.Equal(["delete"], Assert.Single(alerts).Evidence.RuleActions);
    }

    [Fact]
    public void RuleDetector_ReadOnlyRuleWithoutActions_FiresAsOpaque()
    {
        var alerts = PersonaEvents.Replay(new PersonaState(), [PersonaEvents.Rule(Time, "r1", isReadOnly: true)]);

        Assert.Equal(["opaque"], Assert.Single(alerts).Evidence.RuleActions);
    }

    [Fact]
    public void RuleDetector_UpdateWithoutNewRiskyAction_IsSilent()
    {
        var state = new PersonaState();
        PersonaEvents.Replay(state, [PersonaEvents.Rule(Time, "r1", forwardTo: ["drop.example"])]);

        var alerts = PersonaEvents.Replay(state, [PersonaEvents.Rule(Time.AddHours(1), "r1", EventActions.RuleUpdated, forwardTo: ["drop.example"])]);

        Assert.Empty(alerts);
    }

    [Fact]
    public void RuleDetector_UpdateAddingDelete_UpdatesSameAlert()
    {
        var state = new PersonaState();
        var first = Assert.Single(PersonaEvents.Replay(state, [PersonaEvents.Rule(Time, "r1", forwardTo: ["drop.example"])]));

        var second = Assert.Single(PersonaEvents.Replay(state, [PersonaEvents.Rule(Time.AddHours(1), "r1", EventActions.RuleUpdated, forwardTo: ["drop.example"], delete: true)]));

        Assert.Equal(first.AlertId, second.AlertId);
        Assert.Equal(2, second.Count);
        Assert.Equal(Time.AddHours(1), second.LastSeen);
    }

    [Fact]
    public void RuleInventory_DeletedRule_IsRemoved()
    {
        var state = new PersonaState();

        PersonaEvents.Replay(state, [PersonaEvents.Rule(Time, "r1", moveTo: "Archive"), PersonaEvents.Rule(Time.AddHours(1), "r1", EventActions.RuleDeleted)]);

        Assert.Empty(state.Rules);
    }

    [Fact]
    public void RuleDetector_NormaliserRuleFieldNames_Fire()
    {
        const string Json = """
            {"tuid":"tuid-json","domain_id":"domain-test","timestamp":"2026-01-05T10:00:00Z",
             "payload":{"event_id":"rule-graph-id","user":"alex@contoso.com","action":"inbox_rule_created"},
             "raw_metadata":{"rule_redirect_to_domains":["drop.example"],"rule_forwards_externally":true,"rule_is_enabled":true}}
            """;
        var evt = System.Text.Json.JsonSerializer.Deserialize(Json, PersonaEventJsonContext.Default.PersonaEvent)!;

        var alert = Assert.Single(PersonaEvents.Replay(new PersonaState(), [evt]));

        Assert.Equal("rule-graph-id", alert.IncidentKey);
        Assert.Equal(["redirect"], alert.Evidence.RuleActions);
    }
}
