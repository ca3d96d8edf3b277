using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Outlook.ServiceDefaults.Kafka;

namespace Microsoft.Extensions.Hosting;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KafkaClientFactory"/>, a shared idempotent
    /// <see cref="IProducer{TKey, TValue}"/> of string keys and byte values, and a "kafka" health
    /// check. Bootstrap servers come from ConnectionStrings:{connectionName}; other settings
    /// from the "Kafka" section.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaClients(this IHostApplicationBuilder builder, string connectionName = "kafka")
    {
        builder.Services.AddOptions<KafkaClientOptions>()
            .BindConfiguration(KafkaClientOptions.SectionName)
            .PostConfigure(options =>
            {
                var connectionString = builder.Configuration.GetConnectionString(connectionName);
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    options.BootstrapServers = connectionString;
                }
            })
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.BootstrapServers),
                $"Kafka bootstrap servers are missing: set ConnectionStrings:{connectionName} or Kafka:BootstrapServers.")
            .Validate(
                options => options.HealthCheckTimeout > TimeSpan.Zero,
                "Kafka:HealthCheckTimeout must be a positive duration.")
            .ValidateOnStart();

        builder.Services.AddSingleton<KafkaClientFactory>();
        builder.Services.AddSingleton(services => services.GetRequiredService<KafkaClientFactory>().CreateProducer<string, byte[]>());
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka", tags: ["ready"]);

        return builder;
    }
}
