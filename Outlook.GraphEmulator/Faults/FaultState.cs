namespace Outlook.GraphEmulator.Faults;

/// <summary>The imperfections switched on through the admin API; all off after start and after a reset.</summary>
public sealed class FaultState
{
    private readonly Lock _sync = new();
    private FaultSwitches _switches = new();
    private DateTimeOffset _dropUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _throttleUntil = DateTimeOffset.MinValue;
    private RetryAfterForm _retryAfterForm = RetryAfterForm.Seconds;

    public FaultSwitches Switches
    {
        get { lock (_sync) { return _switches; } }
        set { lock (_sync) { _switches = value; } }
    }

    public RetryAfterForm RetryAfterForm
    {
        get { lock (_sync) { return _retryAfterForm; } }
        set { lock (_sync) { _retryAfterForm = value; } }
    }

    public DateTimeOffset DropUntil
    {
        get { lock (_sync) { return _dropUntil; } }
        set { lock (_sync) { _dropUntil = value; } }
    }

    public DateTimeOffset ThrottleUntil
    {
        get { lock (_sync) { return _throttleUntil; } }
        set { lock (_sync) { _throttleUntil = value; } }
    }

    /// <summary>Incremented to invalidate every delta and skip token issued before.</summary>
    public int DeltaGeneration { get; private set; }

    public void ExpireDeltaLinks()
    {
        lock (_sync)
        {
            DeltaGeneration++;
        }
    }

    public void Reset()
    {
        lock (_sync)
        {
            _switches = new FaultSwitches();
            _dropUntil = DateTimeOffset.MinValue;
            _throttleUntil = DateTimeOffset.MinValue;
            _retryAfterForm = RetryAfterForm.Seconds;
        }
    }
}

/// <summary>Switchable delivery imperfections that Graph shows in production.</summary>
public sealed record FaultSwitches
{
    /// <summary>Deliver every notification a second time, in a later batch.</summary>
    public bool Duplicates { get; init; }

    /// <summary>Shuffle the items of each batch.</summary>
    public bool OutOfOrder { get; init; }

    /// <summary>Follow each created notification by this many updated ones for the same change.</summary>
    public int UpdatedAfterCreated { get; init; }

    /// <summary>Give a message a new id when it moves folders.</summary>
    public bool IdChangeOnMove { get; init; }

    /// <summary>Rotate through the three resource spellings of Microsoft's examples.</summary>
    public bool ResourceSpellingVariants { get; init; }
}

/// <summary>How a 429's Retry-After header is written.</summary>
public enum RetryAfterForm
{
    /// <summary>Whole seconds, rounded up: "3".</summary>
    Seconds,

    /// <summary>Seconds with a fraction: "2.128".</summary>
    FractionalSeconds,

    /// <summary>An HTTP-date: "Fri, 04 Dec 2026 17:00:00 GMT".</summary>
    HttpDate,
}
