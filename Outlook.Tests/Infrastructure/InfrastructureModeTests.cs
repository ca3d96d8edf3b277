using Microsoft.Extensions.Configuration;
using Outlook.AppHost.Infrastructure;

namespace Outlook.Tests.Infrastructure;

public sealed class InfrastructureModeTests
{
    [Fact]
    public void Mode_AutoWithoutEngine_ChoosesLocal()
    {
        var configuration = Configuration(("Infrastructure:Mode", "auto"), ("Infrastructure:ContainerEngineCommand", "outlook-no-such-engine"));

        var (mode, reason) = InfrastructureModeSelector.Select(configuration, isPublishMode: false);

        Assert.Equal(InfrastructureMode.Local, mode);
        Assert.Contains("outlook-no-such-engine", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Mode_AutoWithFailingEngine_ChoosesLocal()
    {
        // 'false' starts and exits non-zero, as a docker client does when no daemon answers.
        var configuration = Configuration(("Infrastructure:ContainerEngineCommand", "false"));

        var (mode, _) = InfrastructureModeSelector.Select(configuration, isPublishMode: false);

        Assert.Equal(InfrastructureMode.Local, mode);
    }

    [Theory]
    [InlineData("local", "Local")]
    [InlineData("containers", "Containers")]
    [InlineData("Containers", "Containers")]
    public void Mode_Explicit_IsTaken(string configured, string expected)
    {
        var (mode, _) = InfrastructureModeSelector.Select(Configuration(("Infrastructure:Mode", configured)), isPublishMode: false);

        Assert.Equal(expected, mode.ToString());
    }

    [Fact]
    public void Mode_Publishing_IsPublishWhateverConfigured()
    {
        var (mode, _) = InfrastructureModeSelector.Select(Configuration(("Infrastructure:Mode", "local")), isPublishMode: true);

        Assert.Equal(InfrastructureMode.Publish, mode);
    }

    [Fact]
    public void Mode_Unknown_IsRejectedWithChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => InfrastructureModeSelector.Select(Configuration(("Infrastructure:Mode", "kubernetes")), isPublishMode: false));

        Assert.Contains("'kubernetes'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'auto', 'local' or 'containers'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public void Partitions_Invalid_IsRejectedNamingKey(string configured)
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => InfrastructureOptions.Read(Configuration(("Infrastructure:Kafka:Partitions", configured))));

        Assert.Contains("Infrastructure:Kafka:Partitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Partitions_Unset_DefaultsToTwelve()
    {
        var options = InfrastructureOptions.Read(Configuration());

        Assert.Equal(12, options.PartitionCount);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(pairs.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)))
            .Build();
}
