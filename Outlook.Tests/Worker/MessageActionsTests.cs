using Outlook.Contracts.Events;
using Outlook.Worker.Normalization;

namespace Outlook.Tests.Worker;

public sealed class MessageActionsTests
{
    private const string Owner = "jane.doe@acme.com";

    private static readonly MessageMetadata Received = new()
    {
        From = new MailAddress("Partner", "partner@external.com"),
        IsRead = false,
        IsDraft = false,
        FlagStatus = "notFlagged",
        ParentFolderId = "inbox",
    };

    [Fact]
    public void Actions_CreatedFromOthers_IsReceived()
    {
        Assert.Equal(EventActions.EmailReceived, MessageActions.Resolve("created", Received, Owner, null));
    }

    [Fact]
    public void Actions_CreatedFromOwner_IsSent()
    {
        var sent = Received with { From = new MailAddress("Jane", "Jane.Doe@acme.com") };

        Assert.Equal(EventActions.EmailSent, MessageActions.Resolve("created", sent, Owner, null));
    }

    [Fact]
    public void Actions_CreatedDraft_IsDraftCreated()
    {
        Assert.Equal(EventActions.DraftCreated, MessageActions.Resolve("created", Received with { IsDraft = true }, Owner, null));
    }

    [Fact]
    public void Actions_Deleted_IsDeleted()
    {
        Assert.Equal(EventActions.EmailDeleted, MessageActions.Resolve("deleted", null, Owner, null));
    }

    [Fact]
    public void Actions_DeltaRemoved_IsDeleted()
    {
        Assert.Equal(EventActions.EmailDeleted, MessageActions.Resolve("updated", new MessageMetadata { RemovedReason = "deleted" }, Owner, null));
    }

    [Fact]
    public void Actions_UpdatedReadFlip_IsRead()
    {
        var previous = new MessageState(false, "notFlagged", "inbox");

        Assert.Equal(EventActions.EmailRead, MessageActions.Resolve("updated", Received with { IsRead = true }, Owner, previous));
    }

    [Fact]
    public void Actions_UpdatedUnreadFlip_IsUnread()
    {
        var previous = new MessageState(true, "notFlagged", "inbox");

        Assert.Equal(EventActions.EmailUnread, MessageActions.Resolve("updated", Received, Owner, previous));
    }

    [Fact]
    public void Actions_UpdatedNewFolder_IsMoved()
    {
        var previous = new MessageState(false, "notFlagged", "inbox");

        Assert.Equal(EventActions.EmailMoved, MessageActions.Resolve("updated", Received with { ParentFolderId = "archive" }, Owner, previous));
    }

    [Fact]
    public void Actions_UpdatedFlagSet_IsFlagged()
    {
        var previous = new MessageState(false, "notFlagged", "inbox");

        Assert.Equal(EventActions.EmailFlagged, MessageActions.Resolve("updated", Received with { FlagStatus = "flagged" }, Owner, previous));
    }

    [Fact]
    public void Actions_UpdatedWithoutPreviousState_IsUpdated()
    {
        Assert.Equal(EventActions.EmailUpdated, MessageActions.Resolve("updated", Received with { IsRead = true }, Owner, null));
    }

    [Fact]
    public void Actions_PossibleForward_IsNotGuessed()
    {
        var forward = Received with { From = new MailAddress("Jane", Owner), ConversationId = "known-conversation" };

        Assert.NotEqual(EventActions.EmailForwarded, MessageActions.Resolve("created", forward, Owner, null));
    }

    [Fact]
    public void Normalizer_NotFound_MarksEventNotEnriched()
    {
        var record = WorkerTestData.FromResource(Outlook.Contracts.RecordKinds.Message, "created", null, "gone-message");
        var input = new NormalizationInput(record, WorkerTestData.GoldenTenant(), WorkerTestData.GoldenOwner()) { NotFound = true };

        var normalized = EventNormalizer.Normalize(input).Event!;

        Assert.False(normalized.RawMetadata.Enriched);
        Assert.Equal("gone-message", normalized.PlatformEventId);
        Assert.Equal("2026-03-15T10:00:00.000Z", normalized.Timestamp);
    }
}
