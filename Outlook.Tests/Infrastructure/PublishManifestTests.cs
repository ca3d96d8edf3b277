using System.Text.Json;
using Aspire.Hosting.Testing;
using Outlook.Tests.Common;

namespace Outlook.Tests.Infrastructure;

public sealed class PublishManifestTests
{
    [Fact]
    public async Task Manifest_Published_NamesExternalKafkaAndRedisOnly()
    {
        var outputDirectory = Directory.CreateTempSubdirectory("outlook-manifest-").FullName;
        using var timeout = new CancellationTokenSource(TestTimeouts.AppStart);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Outlook_AppHost>(
            ["--publisher", "manifest", "--output-path", outputDirectory], timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.RunAsync(timeout.Token);

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outputDirectory, "aspire-manifest.json"), timeout.Token));
        var resources = manifest.RootElement.GetProperty("resources");

        Assert.Equal("parameter.v0", resources.GetProperty("kafka").GetProperty("type").GetString());
        Assert.Equal("parameter.v0", resources.GetProperty("redis").GetProperty("type").GetString());
        Assert.False(resources.TryGetProperty("graph-emulator", out _));
        Assert.DoesNotContain("librdkafka", manifest.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("redis-server", manifest.RootElement.GetRawText(), StringComparison.Ordinal);
    }
}
