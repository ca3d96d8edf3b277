namespace Outlook.Tests.EndToEnd;

/// <summary>Bounds of the end-to-end waits, sized for a loaded 2-core machine.</summary>
public static class EndToEndTimeouts
{
    /// <summary>A whole replay of the slice, from start until every event is out.</summary>
    public static readonly TimeSpan Replay = TimeSpan.FromMinutes(5);

    /// <summary>One phase of a faulted replay: the fault, the recovery and every event of the phase.</summary>
    public static readonly TimeSpan Phase = TimeSpan.FromMinutes(3);

    /// <summary>Events of a phase arriving after its fault healed; what is still missing then counts as lost.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(75);

    /// <summary>A killed or stopped resource coming back healthy.</summary>
    public static readonly TimeSpan Restart = TimeSpan.FromMinutes(2);
}
