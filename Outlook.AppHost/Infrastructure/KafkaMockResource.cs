namespace Outlook.AppHost.Infrastructure;

/// <summary>The local Kafka endpoint as an Aspire resource, so services reference it like any Kafka.</summary>
internal sealed class KafkaMockResource(string name, KafkaMockCluster cluster) : Resource(name), IResourceWithConnectionString
{
    public KafkaMockCluster Cluster { get; } = cluster;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Cluster.BootstrapServers}");
}
