using Microsoft.Extensions.Logging;

namespace Outlook.AppHost.Infrastructure;

internal static partial class InfrastructureExtensions
{
    /// <summary>
    /// Adds the "kafka" and "redis" resources in the mode chosen for this machine: local
    /// processes, containers, or external connection strings when publishing.
    /// </summary>
    public static OutlookInfrastructure AddOutlookInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var (mode, reason) = InfrastructureModeSelector.Select(builder.Configuration, builder.ExecutionContext.IsPublishMode);
        var options = InfrastructureOptions.Read(builder.Configuration);

        using (var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true)))
        {
            var logger = loggerFactory.CreateLogger("Outlook.AppHost");
            if (logger.IsEnabled(LogLevel.Information))
            {
                LogModeChosen(logger, mode, reason);
            }
        }

        return mode switch
        {
            InfrastructureMode.Local => new(
                builder.AddKafkaMock("kafka", options.PartitionCount),
                builder.AddRedisServer("redis")),
            InfrastructureMode.Containers => new(
                builder.AddKafkaContainer("kafka", options.PartitionCount),
                builder.AddRedisContainer("redis")),
            _ => new(
                builder.AddConnectionString("kafka"),
                builder.AddConnectionString("redis")),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Infrastructure mode {Mode}: {Reason}")]
    private static partial void LogModeChosen(ILogger logger, InfrastructureMode mode, string reason);
}
