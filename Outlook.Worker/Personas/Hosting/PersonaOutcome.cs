namespace Outlook.Worker.Personas.Hosting;

/// <summary>What happened to one record of outlook.events.</summary>
internal enum PersonaOutcome
{
    /// <summary>The persona was updated and its alerts produced.</summary>
    Applied,

    /// <summary>The persona had already applied this offset (a redelivery after a restart).</summary>
    AlreadyApplied,

    /// <summary>The record was invalid and went to outlook.deadletter.</summary>
    DeadLettered,
}
