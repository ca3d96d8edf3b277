using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Outlook.Contracts;
using Outlook.Contracts.Alerts;
using Outlook.Worker.Personas.Engine;
using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.Options;
using Outlook.Worker.Telemetry;

namespace Outlook.Worker.Personas.Hosting;

/// <summary>
/// Applies one record of outlook.events: loads the persona, runs the engine, produces the alerts,
/// then saves the persona. Alerts go first so a crash between the two replays the event and
/// produces the same alert ids again, instead of saving a persona whose alert was never sent.
/// </summary>
internal sealed class PersonaProcessor(
    PersonaEngine engine,
    PersonaStore store,
    PersonaSettingsResolver settingsResolver,
    IProducer<string, byte[]> producer,
    PersonaTelemetry telemetry,
    ILogger<PersonaProcessor> logger)
{
    /// <summary>Reloads after this many version conflicts in a row before giving up on the event for now.</summary>
    private const int MaxConflicts = 5;

    public async Task<PersonaOutcome> ProcessAsync(ConsumeResult<string, byte[]> record, CancellationToken cancellationToken)
    {
        using var activity = WorkerActivity.StartProcess(record);

        var (evt, problem) = Parse(record.Message.Value);
        if (problem is not null)
        {
            await DeadLetterAsync(record, problem, cancellationToken);
            return PersonaOutcome.DeadLettered;
        }

        for (var attempt = 1; attempt <= MaxConflicts; attempt++)
        {
            var outcome = await TryApplyAsync(record, evt!, cancellationToken);
            if (outcome is not null)
            {
                return outcome.Value;
            }

            PersonaLog.VersionConflict(logger, evt!.Tuid!, record.Offset.Value);
        }

        throw new InvalidOperationException($"The persona of TUID {evt!.Tuid} changed {MaxConflicts} times while offset {record.Offset.Value} was applied.");
    }

    private async Task<PersonaOutcome?> TryApplyAsync(ConsumeResult<string, byte[]> record, PersonaEvent evt, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(evt.Tuid!, cancellationToken);
        var partition = record.Partition.Value;
        if (stored.State.AppliedOffsets.TryGetValue(partition, out var applied) && applied >= record.Offset.Value)
        {
            return PersonaOutcome.AlreadyApplied;
        }

        var alerts = engine.Apply(stored.State, evt, settingsResolver.Resolve(evt.DomainId));

        // NOTE: a recreated outlook.events restarts its offsets at 0, so this guard would skip
        // new events. Delete the persona keys (outlook:persona:*) together with the topic.
        stored.State.AppliedOffsets[partition] = record.Offset.Value;
        foreach (var alert in alerts)
        {
            await ProduceAlertAsync(alert, cancellationToken);
        }

        return await store.TrySaveAsync(stored, cancellationToken) ? PersonaOutcome.Applied : null;
    }

    private async Task ProduceAlertAsync(Alert alert, CancellationToken cancellationToken)
    {
        var message = new Message<string, byte[]>
        {
            Key = alert.Tuid,
            Value = JsonSerializer.SerializeToUtf8Bytes(alert, AlertJsonContext.Default.Alert),
        };

        // ProduceAsync completes once the broker acknowledged the record (acks=all), so the alert is durable.
        await producer.ProduceAsync(Topics.Alerts, message, cancellationToken);
        telemetry.AlertProduced(alert.DetectorId);
        PersonaLog.AlertProduced(logger, alert.AlertId, alert.DetectorId, alert.Tuid, alert.Count, alert.Severity);
    }

    private static (PersonaEvent? Event, string? Problem) Parse(byte[]? value)
    {
        if (value is null || value.Length == 0)
        {
            return (null, "the record has no value");
        }

        try
        {
            var evt = JsonSerializer.Deserialize(value, PersonaEventJsonContext.Default.PersonaEvent);
            return (evt, PersonaEventValidator.FindProblem(evt));
        }
        catch (JsonException ex)
        {
            return (null, $"the value is not a valid normalised event: {ex.Message}");
        }
    }

    private async Task DeadLetterAsync(ConsumeResult<string, byte[]> record, string reason, CancellationToken cancellationToken)
    {
        var headers = new Headers
        {
            { KafkaHeaderNames.DeadLetterReason, Encoding.UTF8.GetBytes($"personas: {reason}") },
            { KafkaHeaderNames.DeadLetterSource, Encoding.UTF8.GetBytes($"{record.Topic}/{record.Partition.Value}/{record.Offset.Value}") },
        };
        var message = new Message<string, byte[]> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers };
        await producer.ProduceAsync(Topics.DeadLetter, message, cancellationToken);
        PersonaLog.DeadLettered(logger, record.Topic, record.Partition.Value, record.Offset.Value, reason);
    }
}
