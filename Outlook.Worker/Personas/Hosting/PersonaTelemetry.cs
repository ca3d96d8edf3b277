using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Outlook.Worker.Personas.Hosting;

/// <summary>Persona counters and spans, on the worker's "Outlook.Worker" meter and activity source.</summary>
internal sealed class PersonaTelemetry
{
    public const string Name = "Outlook.Worker";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _events;
    private readonly Counter<long> _alerts;

    public PersonaTelemetry(IMeterFactory meterFactory)
    {
        // IMeterFactory returns the same Meter for the same name, so the worker keeps one meter.
        var meter = meterFactory.Create(Name);
        _events = meter.CreateCounter<long>("outlook.personas.events", "{event}", "Events read by the persona consumer, by outcome");
        _alerts = meter.CreateCounter<long>("outlook.personas.alerts", "{alert}", "Alert records produced, by detector");
    }

    public void EventHandled(string outcome) => _events.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void AlertProduced(string detectorId) => _alerts.Add(1, new KeyValuePair<string, object?>("detector", detectorId));
}
