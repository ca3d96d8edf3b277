using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Outlook.Tests.Infrastructure;

public sealed class RedisClientTracingTests
{
    [Fact]
    public void RedisClient_TracingUnset_RegistersNoCommandSpans()
    {
        var builder = CreateBuilder();

        builder.AddOutlookRedisClient("redis");

        Assert.False(HasCommandSpans(builder));
    }

    [Fact]
    public void RedisClient_TracingFalse_RegistersCommandSpans()
    {
        var builder = CreateBuilder(("Aspire:StackExchange:Redis:DisableTracing", "false"));

        builder.AddOutlookRedisClient("redis");

        Assert.True(HasCommandSpans(builder));
    }

    [Fact]
    public void RedisClient_NamedSectionFalse_TracesCommands()
    {
        var builder = CreateBuilder(("Aspire:StackExchange:Redis:redis:DisableTracing", "false"));

        builder.AddOutlookRedisClient("redis");

        Assert.True(HasCommandSpans(builder));
    }

    [Fact]
    public void RedisClient_NamedSectionTrue_WinsOverGlobal()
    {
        var builder = CreateBuilder(
            ("Aspire:StackExchange:Redis:DisableTracing", "false"),
            ("Aspire:StackExchange:Redis:redis:DisableTracing", "true"));

        builder.AddOutlookRedisClient("redis");

        Assert.False(HasCommandSpans(builder));
    }

    private static HostApplicationBuilder CreateBuilder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            [new("ConnectionStrings:redis", "127.0.0.1:1,abortConnect=false"), .. settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value))]);
        return builder;
    }

    // Aspire registers its Redis command instrumentation only when DisableTracing is false.
    private static bool HasCommandSpans(HostApplicationBuilder builder) =>
        builder.Services.Any(service => service.ServiceType.Name == "StackExchangeRedisInstrumentation");
}
