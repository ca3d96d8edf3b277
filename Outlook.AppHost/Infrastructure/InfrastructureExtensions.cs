namespace Outlook.AppHost.Infrastructure;

internal static class InfrastructureExtensions
{
    // TODO: choose local, container or publish mode; this placeholder only names connection strings.
    public static OutlookInfrastructure AddOutlookInfrastructure(this IDistributedApplicationBuilder builder) =>
        new(builder.AddConnectionString("kafka"), builder.AddConnectionString("redis"));
}
