namespace Outlook.AppHost.Infrastructure;

/// <summary>The Kafka and Redis resources every service references, whatever the mode that made them.</summary>
internal sealed record OutlookInfrastructure(
    IResourceBuilder<IResourceWithConnectionString> Kafka,
    IResourceBuilder<IResourceWithConnectionString> Redis);
