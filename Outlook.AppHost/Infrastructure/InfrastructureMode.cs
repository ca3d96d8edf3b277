namespace Outlook.AppHost.Infrastructure;

/// <summary>How the AppHost provides Kafka and Redis.</summary>
internal enum InfrastructureMode
{
    /// <summary>redis-server from PATH and librdkafka's mock cluster: no container engine needed.</summary>
    Local,

    /// <summary>Redis and Apache Kafka containers.</summary>
    Containers,

    /// <summary>External Kafka and Redis given by connection strings, for a published manifest.</summary>
    Publish,
}
