using System.Reflection;
using System.Runtime.InteropServices;
using Outlook.AppHost.Infrastructure;

namespace Outlook.Tests.EndToEnd;

/// <summary>
/// Takes the AppHost's mock Kafka broker down and up again: librdkafka closes every client
/// connection and refuses new ones, as when a real broker stops, until it is set up again.
/// The AppHost hosts the cluster in this test process, so the call reaches the very cluster
/// every service talks to.
/// </summary>
internal static class KafkaBrokerSwitch
{
    private const string LibraryName = "librdkafka-e2e";

    // The mock cluster numbers its brokers from 1; the AppHost starts one.
    private const int BrokerId = 1;

    static KafkaBrokerSwitch() => NativeLibrary.SetDllImportResolver(typeof(KafkaBrokerSwitch).Assembly, Resolve);

    public static void SetDown(KafkaMockCluster cluster) => Check(BrokerSetDown(Handle(cluster), BrokerId), "down");

    public static void SetUp(KafkaMockCluster cluster) => Check(BrokerSetUp(Handle(cluster), BrokerId), "up");

    // DllImport rather than LibraryImport: the arguments are blittable, and the test project does not allow unsafe code.
    [DllImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_down")]
    private static extern int BrokerSetDown(nint cluster, int brokerId);

    [DllImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_up")]
    private static extern int BrokerSetUp(nint cluster, int brokerId);

    private static void Check(int error, string state)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"librdkafka could not set the mock broker {state} (error {error}).");
        }
    }

    // The cluster handle is private to the AppHost; reading it here keeps a test-only switch out of the product.
    private static nint Handle(KafkaMockCluster cluster) =>
        (nint)(typeof(KafkaMockCluster).GetField("_cluster", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new MissingFieldException(nameof(KafkaMockCluster), "_cluster")).GetValue(cluster)!;

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return 0;
        }

        // The same librdkafka Confluent.Kafka (and so the AppHost's cluster) loaded.
        Confluent.Kafka.Library.Load();
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var start and >= 0 ? line[start..] : "")
            .First(p => p.Contains("librdkafka", StringComparison.Ordinal) && p.EndsWith(".so", StringComparison.Ordinal));
        return NativeLibrary.Load(path);
    }
}
