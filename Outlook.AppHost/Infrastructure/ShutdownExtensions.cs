namespace Outlook.AppHost.Infrastructure;

internal static class ShutdownExtensions
{
    // An estimate: an export to the dashboard on the same machine takes milliseconds.
    private const string ExportTimeoutMilliseconds = "1000";

    /// <summary>
    /// Orders the shutdown of a local run so that SIGTERM stops every process within 10 s.
    /// </summary>
    /// <remarks>
    /// The local Kafka endpoint lives in the AppHost process. By default the AppHost exits while the
    /// orchestrator is still stopping the services, so their consumers leave the group and their
    /// producers flush against a closed port until the shutdown timeout. Waiting for the
    /// orchestrator's cleanup keeps Kafka up until the services are gone. The dashboard still stops
    /// together with the services, so each service's final telemetry export meets a closed port.
    /// With the SDK's 10 s export timeout that wait held a stopped service for about 15 s.
    /// </remarks>
    public static IDistributedApplicationBuilder UseOrderlyShutdown(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        builder.Configuration["DcpPublisher:WaitForResourceCleanup"] = "true";
        builder.Eventing.Subscribe<BeforeStartEvent>((startEvent, _) =>
        {
            foreach (var project in startEvent.Model.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(environment =>
                    environment.EnvironmentVariables.TryAdd("OTEL_EXPORTER_OTLP_TIMEOUT", ExportTimeoutMilliseconds)));
            }

            return Task.CompletedTask;
        });

        return builder;
    }
}
