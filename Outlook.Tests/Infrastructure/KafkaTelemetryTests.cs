using System.Diagnostics;
using Confluent.Kafka;
using Outlook.ServiceDefaults.Kafka;

namespace Outlook.Tests.Infrastructure;

public sealed class KafkaTelemetryTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == KafkaTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public KafkaTelemetryTests() => ActivitySource.AddActivityListener(_listener);

    [Fact]
    public void KafkaTelemetry_ProcessSpan_ContinuesSendTrace()
    {
        var headers = new Headers();
        using var send = KafkaTelemetry.StartSend("outlook.notifications", headers);
        send?.Stop();
        var result = new ConsumeResult<string, byte[]>
        {
            Topic = "outlook.notifications",
            Partition = new Partition(3),
            Offset = new Offset(42),
            Message = new Message<string, byte[]> { Key = "k", Value = [], Headers = headers },
        };

        using var process = KafkaTelemetry.StartProcess(result, "outlook-worker");

        Assert.NotNull(send);
        Assert.NotNull(process);
        Assert.Equal(send.TraceId, process.TraceId);
        Assert.Equal(send.SpanId, process.ParentSpanId);
        Assert.Equal("kafka", process.GetTagItem("messaging.system"));
        Assert.Equal("3", process.GetTagItem("messaging.destination.partition.id"));
    }

    [Fact]
    public void KafkaTelemetry_Send_WritesTraceparentHeader()
    {
        var headers = new Headers();

        using var send = KafkaTelemetry.StartSend("outlook.events", headers);

        Assert.True(headers.TryGetLastBytes("traceparent", out var traceparent));
        Assert.Contains(send!.TraceId.ToHexString(), System.Text.Encoding.UTF8.GetString(traceparent), StringComparison.Ordinal);
    }

    public void Dispose() => _listener.Dispose();
}
