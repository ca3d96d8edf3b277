using System.Globalization;
using Outlook.Contracts.Events;

namespace Outlook.Worker.Normalization;

internal static class Timestamps
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(NormalizedEventConstants.TimestampFormat, CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } present ? Format(present) : null;
}
