namespace Outlook.Benchmarks.Personas;

/// <summary>Injections and detections of one scenario kind, overall and for users who send mail themselves.</summary>
internal sealed class RecallCounts
{
    public int Trials { get; private set; }

    public int Detected { get; private set; }

    /// <summary>Injections into users with enough sent mail of their own before the injection.</summary>
    public int SenderTrials { get; private set; }

    public int SenderDetected { get; private set; }

    public void Add(bool detected, bool userSendsMail)
    {
        Trials++;
        Detected += detected ? 1 : 0;
        if (userSendsMail)
        {
            SenderTrials++;
            SenderDetected += detected ? 1 : 0;
        }
    }
}
