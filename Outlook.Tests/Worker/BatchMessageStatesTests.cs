using Microsoft.Extensions.Logging.Abstractions;
using Outlook.Tests.Common;
using Outlook.Worker.Identity;
using Outlook.Worker.Normalization;

namespace Outlook.Tests.Worker;

/// <summary>
/// The in-batch view of message states against real Redis: what an update later in a batch
/// reads must equal what Redis contains once the batch's earlier writes are stored.
/// </summary>
public sealed class BatchMessageStatesTests(WorkerPipelineFixture fixture) : IClassFixture<WorkerPipelineFixture>
{
    private const string TenantId = "tenant-batch-states";

    private readonly MessageStateStore _store = new(fixture.Redis, new RedisReadRetry(NullLogger<RedisReadRetry>.Instance));

    [Fact]
    public async Task BatchStates_PartialSet_MergesWithStoredState()
    {
        var (mailbox, message) = NewIds();
        await _store.SetAsync(TenantId, mailbox, message, new MessageMetadata { IsRead = true, ParentFolderId = "inbox" }).WaitAsync(TestTimeouts.Operation);
        var batch = new BatchMessageStates(_store);

        batch.Set(TenantId, mailbox, message, new MessageMetadata { FlagStatus = "flagged" });
        var state = await batch.GetAsync(TenantId, mailbox, message, CancellationToken.None).WaitAsync(TestTimeouts.Operation);

        Assert.NotNull(state);
        Assert.True(state.IsRead);
        Assert.Equal("flagged", state.FlagStatus);
        Assert.Equal("inbox", state.ParentFolderId);
    }

    [Fact]
    public async Task BatchStates_Delete_HidesStoredState()
    {
        var (mailbox, message) = NewIds();
        await _store.SetAsync(TenantId, mailbox, message, new MessageMetadata { IsRead = true, ParentFolderId = "inbox" }).WaitAsync(TestTimeouts.Operation);
        var batch = new BatchMessageStates(_store);

        batch.Delete(TenantId, mailbox, message);

        Assert.Null(await batch.GetAsync(TenantId, mailbox, message, CancellationToken.None).WaitAsync(TestTimeouts.Operation));
    }

    [Fact]
    public async Task BatchStates_SetAfterDelete_IgnoresStoredFields()
    {
        var (mailbox, message) = NewIds();
        await _store.SetAsync(TenantId, mailbox, message, new MessageMetadata { IsRead = true, ParentFolderId = "inbox" }).WaitAsync(TestTimeouts.Operation);
        var batch = new BatchMessageStates(_store);

        batch.Delete(TenantId, mailbox, message);
        batch.Set(TenantId, mailbox, message, new MessageMetadata { IsRead = false });
        var state = await batch.GetAsync(TenantId, mailbox, message, CancellationToken.None).WaitAsync(TestTimeouts.Operation);

        Assert.NotNull(state);
        Assert.False(state.IsRead);
        Assert.Null(state.FlagStatus);
        Assert.Null(state.ParentFolderId);
    }

    [Fact]
    public async Task BatchStates_WithoutPendingWrite_ReadsRedis()
    {
        var (mailbox, message) = NewIds();
        await _store.SetAsync(TenantId, mailbox, message, new MessageMetadata { FlagStatus = "complete" }).WaitAsync(TestTimeouts.Operation);
        var batch = new BatchMessageStates(_store);

        var state = await batch.GetAsync(TenantId, mailbox, message, CancellationToken.None).WaitAsync(TestTimeouts.Operation);

        Assert.NotNull(state);
        Assert.Equal("complete", state.FlagStatus);
    }

    // The same writes go to the batch view and, in the same order, to Redis, so both must then agree.
    [Fact]
    public async Task BatchStates_AfterWritesStored_EqualsRedis()
    {
        var (mailbox, message) = NewIds();
        await _store.SetAsync(TenantId, mailbox, message, new MessageMetadata { IsRead = false, ParentFolderId = "inbox", FlagStatus = "notFlagged" }).WaitAsync(TestTimeouts.Operation);
        var batch = new BatchMessageStates(_store);
        MessageMetadata?[] writes =
        [
            new MessageMetadata { IsRead = true },
            null,
            new MessageMetadata { ParentFolderId = "archive" },
            new MessageMetadata { FlagStatus = "flagged" },
        ];

        foreach (var write in writes)
        {
            if (write is null)
            {
                batch.Delete(TenantId, mailbox, message);
            }
            else
            {
                batch.Set(TenantId, mailbox, message, write);
            }
        }

        var expected = await batch.GetAsync(TenantId, mailbox, message, CancellationToken.None).WaitAsync(TestTimeouts.Operation);
        foreach (var write in writes)
        {
            var stored = write is null
                ? _store.DeleteAsync(TenantId, mailbox, message)
                : _store.SetAsync(TenantId, mailbox, message, write);
            await stored.WaitAsync(TestTimeouts.Operation);
        }

        var actual = await _store.GetAsync(TenantId, mailbox, message, CancellationToken.None).WaitAsync(TestTimeouts.Operation);
        Assert.Equal(expected, actual);
    }

    private static (string Mailbox, string Message) NewIds() => ($"mailbox-{Guid.NewGuid():N}", $"message-{Guid.NewGuid():N}");
}
