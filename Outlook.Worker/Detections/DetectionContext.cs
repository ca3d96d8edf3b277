using Outlook.Worker.Personas.Engine;
using Outlook.Worker.Personas.Options;
using Outlook.Worker.Personas.State;

namespace Outlook.Worker.Detections;

/// <summary>
/// What a detector sees: the persona after the event's counts were observed but before its
/// hour and rule were learned, the event, the days it closed, and the tenant's settings.
/// </summary>
internal sealed record DetectionContext(
    PersonaState Persona,
    ObservedEvent Event,
    IReadOnlyList<ClosedDay> ClosedDays,
    TenantPersonaSettings Tenant)
{
    public PersonaSettings Settings => Tenant.Settings;

    /// <summary>True once the persona has enough history for baseline detections.</summary>
    public bool IsWarm =>
        Persona.FirstEventAt is { } first
        && Event.Timestamp - first >= Settings.Warmup.MinDuration
        && Persona.EventCount >= Settings.Warmup.MinEvents;
}
