using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Kafka;

namespace Outlook.Tests.Infrastructure;

public sealed class KafkaProducerConfigTests
{
    [Fact]
    public void ProducerConfig_LingerArgument_IsUsed()
    {
        var factory = CreateFactory(new KafkaClientOptions());

        var config = factory.CreateProducerConfig(lingerMs: 0);

        Assert.Equal(0, config.LingerMs);
    }

    [Fact]
    public void ProducerConfig_ConfiguredLinger_WinsOverArgument()
    {
        var options = new KafkaClientOptions();
        options.Producer["linger.ms"] = "25";
        var factory = CreateFactory(options);

        var config = factory.CreateProducerConfig(lingerMs: 0);

        Assert.Equal(25, config.LingerMs);
    }

    private static KafkaClientFactory CreateFactory(KafkaClientOptions options) =>
        new(Options.Create(options), NullLoggerFactory.Instance);
}
