using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Outlook.AppHost.Infrastructure;

/// <summary>
/// Chooses the <see cref="InfrastructureMode"/> before the application model is built, because a
/// container resource added without an engine blocks everything that waits for it.
/// </summary>
internal static class InfrastructureModeSelector
{
    public const string ModeKey = "Infrastructure:Mode";
    public const string EngineCommandKey = "Infrastructure:ContainerEngineCommand";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static (InfrastructureMode Mode, string Reason) Select(IConfiguration configuration, bool isPublishMode)
    {
        if (isPublishMode)
        {
            return (InfrastructureMode.Publish, "publishing a manifest: Kafka and Redis are external connection strings");
        }

        var requested = configuration[ModeKey] ?? "auto";
        switch (requested.Trim().ToLowerInvariant())
        {
            case "local":
                return (InfrastructureMode.Local, $"{ModeKey} is 'local'");
            case "containers":
                return (InfrastructureMode.Containers, $"{ModeKey} is 'containers'");
            case "auto":
                var engine = ContainerEngineCommand(configuration);
                var probe = ProbeContainerEngine(engine, ProbeTimeout);
                return probe.Available
                    ? (InfrastructureMode.Containers, $"container engine '{engine}' answered ({probe.Detail})")
                    : (InfrastructureMode.Local, $"no container engine answered through '{engine}' ({probe.Detail})");
            default:
                throw new InvalidOperationException(
                    $"{ModeKey} is '{requested}', which is not a mode. Use 'auto', 'local' or 'containers'.");
        }
    }

    /// <summary>Returns the engine CLI to probe: the configured one, else Aspire's ASPIRE_CONTAINER_RUNTIME, else docker.</summary>
    private static string ContainerEngineCommand(IConfiguration configuration) =>
        configuration[EngineCommandKey]
        ?? configuration["ASPIRE_CONTAINER_RUNTIME"]
        ?? "docker";

    /// <summary>Asks the engine CLI for its server version; a client without a running engine fails this.</summary>
    internal static (bool Available, string Detail) ProbeContainerEngine(string command, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(command, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        try
        {
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return (false, "the command could not be started");
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (false, $"no answer within {timeout.TotalSeconds:F0} s");
            }

            var version = output.Result.Trim();
            return process.ExitCode == 0 && version.Length > 0
                ? (true, $"server version {version}")
                : (false, $"exit code {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (false, $"the command is not available: {ex.Message}");
        }
    }
}
