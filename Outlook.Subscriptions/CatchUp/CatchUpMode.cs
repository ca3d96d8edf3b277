namespace Outlook.Subscriptions.CatchUp;

/// <summary>How a catch-up treats each folder.</summary>
public enum CatchUpMode
{
    /// <summary>Follow the stored delta links; a folder without one gets a baseline that produces only messages of the last minutes.</summary>
    Incremental,

    /// <summary>Drop the stored links and produce every message found; dedup removes what was already produced.</summary>
    Full,
}
