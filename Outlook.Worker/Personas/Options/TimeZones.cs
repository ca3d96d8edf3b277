using System.Diagnostics.CodeAnalysis;

namespace Outlook.Worker.Personas.Options;

internal static class TimeZones
{
    /// <summary>Finds a time zone by IANA or Windows id; .NET converts between the two on every platform with ICU.</summary>
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? timeZone)
    {
        timeZone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
