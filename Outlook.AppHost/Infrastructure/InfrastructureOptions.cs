using Microsoft.Extensions.Configuration;

namespace Outlook.AppHost.Infrastructure;

/// <summary>Settings of the "Infrastructure" section that shape Kafka and Redis.</summary>
internal sealed record InfrastructureOptions(int PartitionCount)
{
    public const int DefaultPartitionCount = 12;

    public static InfrastructureOptions Read(IConfiguration configuration)
    {
        var raw = configuration["Infrastructure:Kafka:Partitions"];
        if (raw is null)
        {
            return new InfrastructureOptions(DefaultPartitionCount);
        }

        if (!int.TryParse(raw, out var partitions) || partitions is < 1 or > 1000)
        {
            throw new InvalidOperationException(
                $"Infrastructure:Kafka:Partitions is '{raw}'; it must be a whole number from 1 to 1000.");
        }

        return new InfrastructureOptions(partitions);
    }
}
