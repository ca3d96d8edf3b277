using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Kafka;
using Outlook.Worker.Personas.Engine;
using Outlook.Worker.Personas.Hosting;
using Outlook.Worker.Personas.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class PersonaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the persona consumer: its options (section "Personas", validated at start-up),
    /// the Redis persona store, the detection engine and the background consumer of outlook.events.
    /// Adds the Redis and Kafka clients unless the worker registered them already.
    /// </summary>
    public static IHostApplicationBuilder AddPersonas(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PersonaOptions>()
            .BindConfiguration(PersonaOptions.SectionName)
            .Configure<IConfiguration>(BindTenantOverrides)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PersonaOptions>, PersonaOptionsValidator>();

        if (!builder.Services.Any(service => service.ServiceType == typeof(IConnectionMultiplexer)))
        {
            builder.AddOutlookRedisClient("redis");
        }

        if (!builder.Services.Any(service => service.ServiceType == typeof(KafkaClientFactory)))
        {
            builder.AddKafkaClients();
        }

        builder.Services.AddSingleton<PersonaSettingsResolver>();
        builder.Services.AddSingleton(_ => PersonaEngine.CreateDefault());
        builder.Services.AddSingleton(services => new PersonaStore(
            services.GetRequiredService<IConnectionMultiplexer>(),
            services.GetRequiredService<IOptions<PersonaOptions>>().Value.CacheSize));
        builder.Services.AddSingleton<PersonaTelemetry>();
        builder.Services.AddSingleton<PersonaProcessor>();
        builder.Services.AddHostedService<PersonaConsumerService>();
        return builder;
    }

    /// <summary>
    /// Rebinds each Personas:Tenants:{tenantId} entry over a copy of the defaults, so a tenant
    /// section sets only what differs. The plain binding would leave unset values at the
    /// built-in defaults instead of the configured ones.
    /// </summary>
    private static void BindTenantOverrides(PersonaOptions options, IConfiguration configuration)
    {
        var root = configuration.GetSection(PersonaOptions.SectionName);
        foreach (var tenantSection in root.GetSection(nameof(PersonaOptions.Tenants)).GetChildren())
        {
            var settings = new PersonaSettings();
            root.Bind(settings);
            tenantSection.Bind(settings);
            options.Tenants[tenantSection.Key] = settings;
        }
    }
}
