using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Outlook.ServiceDefaults.Kafka;

/// <summary>
/// Spans and metrics for Kafka clients, named after the OpenTelemetry messaging semantic
/// conventions (messaging.system = kafka), with W3C trace context carried in record headers so a
/// consumer's span continues the producer's trace.
/// </summary>
public static class KafkaTelemetry
{
    public const string Name = "Outlook.Kafka";

    private const string MessagingSystem = "kafka";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> SentMessages = Meter.CreateCounter<long>(
        "messaging.client.sent.messages", "{message}", "Records a producer sent, by topic and outcome.");

    private static readonly Counter<long> ConsumedMessages = Meter.CreateCounter<long>(
        "messaging.client.consumed.messages", "{message}", "Records a consumer received, by topic.");

    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "messaging.client.operation.duration", "s", "Time from produce to the broker's acknowledgement.");

    private static readonly Histogram<double> ProcessDuration = Meter.CreateHistogram<double>(
        "messaging.process.duration", "s", "Time a consumer spent processing one record.");

    // W3C trace context and baggage, fixed here rather than taken from the SDK's default, which
    // is a no-op until a tracer provider is built.
    private static readonly TextMapPropagator Propagator = new CompositeTextMapPropagator(
        [new TraceContextPropagator(), new BaggagePropagator()]);

    /// <summary>Starts a producer span for one record and writes its trace context into <paramref name="headers"/>.</summary>
    public static Activity? StartSend(string topic, Headers headers)
    {
        var activity = ActivitySource.StartActivity($"send {topic}", ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", MessagingSystem);
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.operation.name", "send");
            activity.SetTag("messaging.destination.name", topic);
        }

        var context = activity?.Context ?? Activity.Current?.Context ?? default;
        if (context != default)
        {
            Propagator.Inject(new PropagationContext(context, Baggage.Current), headers, SetHeader);
        }

        return activity;
    }

    /// <summary>Records the outcome of a send started with <see cref="StartSend"/>.</summary>
    public static void RecordSent(Activity? activity, string topic, TimeSpan elapsed, TopicPartitionOffset? delivered, Exception? error)
    {
        var outcome = error is null ? "ok" : "error";
        var tags = new TagList
        {
            { "messaging.system", MessagingSystem },
            { "messaging.destination.name", topic },
            { "messaging.operation.name", "send" },
        };
        if (error is not null)
        {
            tags.Add("error.type", error.GetType().Name);
        }

        SentMessages.Add(1, tags);
        OperationDuration.Record(elapsed.TotalSeconds, tags);

        if (activity is null)
        {
            return;
        }

        if (delivered is not null)
        {
            activity.SetTag("messaging.destination.partition.id", delivered.Partition.Value.ToString(CultureInfo.InvariantCulture));
            activity.SetTag("messaging.kafka.offset", delivered.Offset.Value);
        }

        activity.SetStatus(error is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error, error?.Message);
        activity.SetTag("outcome", outcome);
    }

    /// <summary>Starts a consumer span for one record, continuing the trace its producer wrote into the headers.</summary>
    public static Activity? StartProcess<TKey, TValue>(ConsumeResult<TKey, TValue> result, string consumerGroup)
    {
        var parent = Propagator.Extract(default, result.Message.Headers, GetHeader);
        Baggage.Current = parent.Baggage;
        var activity = ActivitySource.StartActivity($"process {result.Topic}", ActivityKind.Consumer, parent.ActivityContext);

        var tags = new TagList
        {
            { "messaging.system", MessagingSystem },
            { "messaging.destination.name", result.Topic },
            { "messaging.consumer.group.name", consumerGroup },
        };
        ConsumedMessages.Add(1, tags);

        if (activity is not null)
        {
            activity.SetTag("messaging.system", MessagingSystem);
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.operation.name", "process");
            activity.SetTag("messaging.destination.name", result.Topic);
            activity.SetTag("messaging.consumer.group.name", consumerGroup);
            activity.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString(CultureInfo.InvariantCulture));
            activity.SetTag("messaging.kafka.offset", result.Offset.Value);
        }

        return activity;
    }

    /// <summary>Records how long processing one record took.</summary>
    public static void RecordProcessed(string topic, string consumerGroup, TimeSpan elapsed, Exception? error)
    {
        var tags = new TagList
        {
            { "messaging.system", MessagingSystem },
            { "messaging.destination.name", topic },
            { "messaging.consumer.group.name", consumerGroup },
        };
        if (error is not null)
        {
            tags.Add("error.type", error.GetType().Name);
        }

        ProcessDuration.Record(elapsed.TotalSeconds, tags);
    }

    private static void SetHeader(Headers headers, string key, string value)
    {
        headers.Remove(key);
        headers.Add(key, Encoding.UTF8.GetBytes(value));
    }

    private static IEnumerable<string> GetHeader(Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var value)
            ? [Encoding.UTF8.GetString(value)]
            : [];
}
