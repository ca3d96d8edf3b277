namespace Outlook.AppHost.Infrastructure;

internal static class TelemetryShutdownExtensions
{
    // An estimate: an export to the dashboard on the same machine takes milliseconds.
    private const string ExportTimeoutMilliseconds = "1000";

    /// <summary>
    /// Shortens every service's OTLP export timeout when the AppHost runs them. The orchestrator
    /// stops the dashboard together with the services, so each service's final export on
    /// shutdown meets a closed port. With the SDK's 10 s default, that wait held a stopped
    /// service for about 15 s, past the orchestrator's 6 s grace period.
    /// </summary>
    public static IDistributedApplicationBuilder BoundTelemetryExportOnShutdown(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

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
