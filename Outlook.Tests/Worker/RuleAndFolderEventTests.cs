using System.Text.Json;
using Outlook.Contracts;
using Outlook.Contracts.Events;
using Outlook.Worker.Normalization;

namespace Outlook.Tests.Worker;

public sealed class RuleAndFolderEventTests
{
    private static NormalizedEvent? Normalize(string kind, string changeType, string json, string? id = null)
    {
        var data = JsonDocument.Parse(json).RootElement;
        var record = WorkerTestData.FromResource(kind, changeType, data, id);
        return EventNormalizer.Normalize(new NormalizationInput(record, WorkerTestData.GoldenTenant(), WorkerTestData.GoldenOwner())).Event;
    }

    [Fact]
    public void Rule_ForwardOutsideTenant_IsExternal()
    {
        var normalized = Normalize(RecordKinds.Rule, "created", """
            {"id":"r1","displayName":"fw","isReadOnly":false,"conditions":{"subjectContains":["invoice CANARY"]},
             "actions":{"redirectTo":[{"emailAddress":{"address":"x@evil.example"}}],"forwardTo":[{"emailAddress":{"address":"boss@sub.acme.com"}}]}}
            """)!;

        Assert.Equal(EventActions.InboxRuleCreated, normalized.Payload.Action);
        Assert.True(normalized.Payload.RuleForwardsExternally);
        Assert.Equal(["sub.acme.com", "evil.example"], normalized.Payload.RuleForwardDomains);
        Assert.Equal(["evil.example"], normalized.RawMetadata.RuleRedirectToDomains);
        Assert.Equal(["subjectContains"], normalized.RawMetadata.RuleConditions);
        Assert.DoesNotContain("CANARY", JsonSerializer.Serialize(normalized, EventJsonContext.Default.NormalizedEvent), StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_ForwardInsideTenantSubdomain_IsInternal()
    {
        var normalized = Normalize(RecordKinds.Rule, "updated", """
            {"id":"r2","actions":{"forwardAsAttachmentTo":[{"emailAddress":{"address":"a@mail.acme.com"}}]}}
            """)!;

        Assert.Equal(EventActions.InboxRuleUpdated, normalized.Payload.Action);
        Assert.False(normalized.Payload.RuleForwardsExternally);
    }

    [Fact]
    public void Rule_ReadOnlyWithoutConditionsOrActions_IsOpaque()
    {
        var normalized = Normalize(RecordKinds.Rule, "created", """{"id":"r3","displayName":"hidden","isReadOnly":true}""")!;

        Assert.True(normalized.RawMetadata.RuleIsOpaque);
        Assert.True(normalized.RawMetadata.RuleIsReadOnly);
    }

    [Fact]
    public void Rule_DeleteAndMove_AreReported()
    {
        var normalized = Normalize(RecordKinds.Rule, "created", """
            {"id":"r4","conditions":{"fromAddresses":[{"emailAddress":{"address":"a@b.com"}}]},"actions":{"permanentDelete":true,"moveToFolder":"folder-9"}}
            """)!;

        Assert.True(normalized.RawMetadata.RuleDeletes);
        Assert.True(normalized.RawMetadata.RulePermanentlyDeletes);
        Assert.Equal("folder-9", normalized.RawMetadata.RuleMoveToFolder);
        Assert.False(normalized.RawMetadata.RuleIsOpaque);
    }

    [Fact]
    public void Rule_DeletedWithIdOnly_IsInboxRuleDeleted()
    {
        var normalized = Normalize(RecordKinds.Rule, "deleted", """{"id":"r5"}""")!;

        Assert.Equal(EventActions.InboxRuleDeleted, normalized.Payload.Action);
        Assert.Equal("r5", normalized.Payload.EventId);
    }

    [Fact]
    public void Folder_Created_IsFolderCreated()
    {
        var normalized = Normalize(RecordKinds.Folder, "created", """{"id":"f1","displayName":"Projects","parentFolderId":"root"}""")!;

        Assert.Equal(EventActions.FolderCreated, normalized.Payload.Action);
        Assert.Equal("Projects", normalized.RawMetadata.FolderName);
    }

    [Fact]
    public void Folder_NameChanged_IsFolderRenamed()
    {
        var normalized = Normalize(RecordKinds.Folder, "updated", """{"id":"f1","displayName":"Old stuff","previousDisplayName":"Projects"}""")!;

        Assert.Equal(EventActions.FolderRenamed, normalized.Payload.Action);
        Assert.Equal("Projects", normalized.RawMetadata.PreviousFolderName);
    }

    [Fact]
    public void Folder_UpdateWithSameName_ProducesNoEvent()
    {
        Assert.Null(Normalize(RecordKinds.Folder, "updated", """{"id":"f1","displayName":"Projects","previousDisplayName":"Projects"}"""));
    }

    [Fact]
    public void Folder_Deleted_IsFolderDeleted()
    {
        Assert.Equal(EventActions.FolderDeleted, Normalize(RecordKinds.Folder, "deleted", """{"id":"f1"}""")!.Payload.Action);
    }

    [Fact]
    public void Normalizer_UnknownKind_IsInvalidRecord()
    {
        Assert.Throws<InvalidRecordException>(() => Normalize("calendar", "created", """{"id":"c1"}"""));
    }

    [Fact]
    public void Normalizer_MessageWithoutAnyId_IsInvalidRecord()
    {
        Assert.Throws<InvalidRecordException>(() => Normalize(RecordKinds.Message, "created", """{"isRead":true}"""));
    }

    [Theory]
    [InlineData("Users/u1/Messages/m-1", "m-1")]
    [InlineData("users/u1@t1/messages/m-2", "m-2")]
    [InlineData("Users('u1')/messages('m-3')", "m-3")]
    [InlineData("users('user-aad-id-001')/messages('msg-graph-id-001')", "msg-graph-id-001")]
    public void ResourcePaths_EachSpelling_YieldsMessageId(string resource, string expected)
    {
        Assert.Equal(expected, ResourcePaths.LastSegmentId(resource));
    }
}
