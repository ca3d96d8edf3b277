using Outlook.Worker.Processing;

namespace Outlook.Tests.Worker;

public sealed class PartitionOffsetsTests
{
    [Fact]
    public void Offsets_LaterRecordFinishesFirst_CommitWaitsForEarlier()
    {
        var offsets = new PartitionOffsets();
        offsets.Consumed(10);
        offsets.Consumed(11);
        offsets.Consumed(12);

        Assert.Equal(10, offsets.Completed(12));
        Assert.Null(offsets.Completed(11));
        Assert.Equal(13, offsets.Completed(10));
    }

    [Fact]
    public void Offsets_EarliestFinishes_CommitsUpToNextPending()
    {
        var offsets = new PartitionOffsets();
        offsets.Consumed(5);
        offsets.Consumed(6);

        Assert.Equal(6, offsets.Completed(5));
        Assert.Equal(1, offsets.PendingCount);
    }

    [Fact]
    public void Offsets_UnknownOffset_IsIgnored()
    {
        var offsets = new PartitionOffsets();
        offsets.Consumed(1);

        Assert.Null(offsets.Completed(99));
        Assert.Equal(1, offsets.PendingCount);
    }
}
