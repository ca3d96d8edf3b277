using System.Diagnostics.Metrics;
using Outlook.Worker.Telemetry;

namespace Outlook.Worker.Personas.Hosting;

/// <summary>Persona counters, on the worker's "Outlook.Worker" meter.</summary>
internal sealed class PersonaTelemetry
{
    private readonly Counter<long> _events;
    private readonly Counter<long> _alerts;

    public PersonaTelemetry(IMeterFactory meterFactory)
    {
        // IMeterFactory returns the same Meter for the same name, so the worker keeps one meter.
        var meter = meterFactory.Create(WorkerMetrics.MeterName);
        _events = meter.CreateCounter<long>("outlook.personas.events", "{event}", "Events read by the persona consumer, by outcome");
        _alerts = meter.CreateCounter<long>("outlook.personas.alerts", "{alert}", "Alert records produced, by detector");
    }

    public void EventHandled(string outcome) => _events.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void AlertProduced(string detectorId) => _alerts.Add(1, new KeyValuePair<string, object?>("detector", detectorId));
}
