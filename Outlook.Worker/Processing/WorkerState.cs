namespace Outlook.Worker.Processing;

/// <summary>State of the consume loop, as the health check reports it.</summary>
internal enum WorkerState
{
    Starting,
    Running,
    Stopped,
    Faulted,
}
