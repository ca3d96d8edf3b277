using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Outlook.Contracts;

namespace Outlook.Worker.Telemetry;

/// <summary>The worker's activity source, "Outlook.Worker", with spans named per OpenTelemetry's messaging conventions.</summary>
internal static class WorkerActivity
{
    public static readonly ActivitySource Source = new("Outlook.Worker");

    /// <summary>Starts the span of processing one record, as a child of the trace the webhook started.</summary>
    public static Activity? StartProcess(ConsumeResult<string, byte[]> source)
    {
        ActivityContext.TryParse(Header(source, KafkaHeaderNames.TraceParent), Header(source, KafkaHeaderNames.TraceState), out var parent);
        var activity = Source.StartActivity($"process {source.Topic}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", source.Topic);
        activity?.SetTag("messaging.destination.partition.id", source.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity?.SetTag("messaging.kafka.offset", source.Offset.Value);
        return activity;
    }

    private static string? Header(ConsumeResult<string, byte[]> source, string name) =>
        source.Message.Headers is { } headers && headers.TryGetLastBytes(name, out var value) ? Encoding.ASCII.GetString(value) : null;
}
