using System.Reflection;
using System.Runtime.InteropServices;

namespace Outlook.AppHost.Infrastructure;

/// <summary>
/// P/Invoke declarations for librdkafka's mock cluster API, which Confluent.Kafka does not wrap.
/// They bind to the very library instance Confluent.Kafka loaded, so the mock cluster and any
/// Confluent.Kafka client in this process share one librdkafka.
/// </summary>
internal static partial class LibrdkafkaMock
{
    private const string LibraryName = "librdkafka-mock";
    private const int ProducerType = 0;

    static LibrdkafkaMock() =>
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaMock).Assembly, Resolve);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ConfSet(nint conf, string name, string value, nint errorBuffer, nuint errorBufferSize);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_new")]
    private static partial nint KafkaNew(int type, nint conf, nint errorBuffer, nuint errorBufferSize);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_destroy")]
    internal static partial void KafkaDestroy(nint handle);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial nint ClusterNew(nint handle, int brokerCount);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void ClusterDestroy(nint cluster);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    private static partial nint ClusterBootstraps(nint cluster);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TopicCreate(nint cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    internal static partial void GroupInitialRebalanceDelayMs(nint cluster, int delayMs);

    /// <summary>Creates a producer handle to own a mock cluster; librdkafka requires one.</summary>
    internal static nint CreateOwnerHandle()
    {
        const int errorBufferSize = 512;
        var errorBuffer = Marshal.AllocHGlobal(errorBufferSize);
        try
        {
            var conf = ConfNew();

            // The owner handle never connects anywhere; without this it warns that it has no
            // bootstrap.servers.
            ConfSet(conf, "log_level", "3", errorBuffer, errorBufferSize);
            var handle = KafkaNew(ProducerType, conf, errorBuffer, errorBufferSize);
            if (handle == 0)
            {
                var reason = Marshal.PtrToStringUTF8(errorBuffer) ?? "unknown error";
                throw new InvalidOperationException($"librdkafka could not create the handle that owns the mock cluster: {reason}");
            }

            return handle;
        }
        finally
        {
            Marshal.FreeHGlobal(errorBuffer);
        }
    }

    internal static string Bootstraps(nint cluster) =>
        Marshal.PtrToStringUTF8(ClusterBootstraps(cluster))
        ?? throw new InvalidOperationException("librdkafka returned no bootstrap address for the mock cluster.");

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return 0;
        }

        Confluent.Kafka.Library.Load();
        return NativeLibrary.Load(FindLoadedLibrdkafka());
    }

    /// <summary>
    /// Returns the path of the librdkafka that Confluent.Kafka loaded. Confluent.Kafka picks one
    /// of several builds by platform and exposes no path, so the process's own memory map is the
    /// reliable source; loading that path again returns the same instance.
    /// </summary>
    private static string FindLoadedLibrdkafka()
    {
        const string mapsPath = "/proc/self/maps";
        if (!File.Exists(mapsPath))
        {
            throw new PlatformNotSupportedException(
                "The local Kafka endpoint needs Linux (it locates librdkafka through /proc/self/maps). " +
                "Use Infrastructure:Mode=containers on other systems.");
        }

        foreach (var line in File.ReadLines(mapsPath))
        {
            var start = line.IndexOf('/', StringComparison.Ordinal);
            if (start >= 0 && line.Contains("librdkafka", StringComparison.Ordinal) && line.EndsWith(".so", StringComparison.Ordinal))
            {
                return line[start..];
            }
        }

        throw new InvalidOperationException("Confluent.Kafka reported librdkafka as loaded, but no librdkafka appears in /proc/self/maps.");
    }
}
