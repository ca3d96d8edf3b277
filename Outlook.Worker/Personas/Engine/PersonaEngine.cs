using Outlook.Contracts.Alerts;
using Outlook.Worker.Detections;
using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.Options;
using Outlook.Worker.Personas.State;

namespace Outlook.Worker.Personas.Engine;

/// <summary>
/// Applies one event to a persona and runs the detectors: pure logic over <see cref="PersonaState"/>,
/// with no I/O, so the Kafka consumer, the Redis store and the evaluation all share it.
/// </summary>
internal sealed class PersonaEngine(IEnumerable<IDetector> detectors)
{
    private readonly IReadOnlyList<IDetector> _detectors = [.. detectors];

    /// <summary>An engine with every detector.</summary>
    public static PersonaEngine CreateDefault() => new(
    [
        new RuleManipulationDetector(),
        new ExfiltrationDetector(),
        new NewDomainDetector(),
        new OffHoursDetector(),
        new DriftDetector(),
    ]);

    /// <summary>
    /// Updates <paramref name="state"/> with the event and returns the alerts it raised or
    /// updated. The event must have passed <see cref="PersonaEventValidator"/>.
    /// </summary>
    public IReadOnlyList<Alert> Apply(PersonaState state, PersonaEvent evt, TenantPersonaSettings tenant)
    {
        var observed = ObservedEvent.From(evt, tenant);
        var closedDays = PersonaLearner.AdvanceTo(state, observed, tenant);
        PersonaLearner.Observe(state, observed, tenant);

        var context = new DetectionContext(state, observed, closedDays, tenant);
        var findings = _detectors.SelectMany(detector => detector.Detect(context)).ToList();
        var alerts = IncidentTracker.Record(state, findings, observed.Timestamp);

        PersonaLearner.Learn(state, observed, tenant);
        return alerts;
    }
}
