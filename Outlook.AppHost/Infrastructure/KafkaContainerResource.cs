namespace Outlook.AppHost.Infrastructure;

/// <summary>An Apache Kafka container whose connection string is its host-facing listener.</summary>
internal sealed class KafkaContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string HostEndpointName = "tcp";

    private EndpointReference? _hostEndpoint;

    public EndpointReference HostEndpoint => _hostEndpoint ??= new EndpointReference(this, HostEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{HostEndpoint.Property(EndpointProperty.HostAndPort)}");
}
