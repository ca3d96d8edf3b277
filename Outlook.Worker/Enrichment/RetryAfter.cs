using System.Globalization;

namespace Outlook.Worker.Enrichment;

/// <summary>
/// Parses Retry-After as Graph sends it. RFC 9110 allows delay-seconds or an HTTP-date; Graph has
/// also been seen sending decimals ("2.128") and two values joined by a comma ("30,120"). The
/// longest delay wins, so a retry never comes sooner than any value requests.
/// </summary>
internal static class RetryAfter
{
    public static TimeSpan? Parse(IEnumerable<string> headerValues, DateTimeOffset now)
    {
        TimeSpan? longest = null;
        foreach (var value in headerValues)
        {
            if (ParseOne(value, now) is { } delay && (longest is null || delay > longest))
            {
                longest = delay;
            }
        }

        return longest;
    }

    private static TimeSpan? ParseOne(string value, DateTimeOffset now)
    {
        var text = value.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        // An HTTP-date has letters and a comma of its own ("Fri, 04 Dec 2026 16:00:00 GMT"), so it
        // is parsed whole. Digits alone are never read as a date, because "2.12" is not 12 February.
        if (text.Any(char.IsLetter))
        {
            return ParseDate(text, now);
        }

        TimeSpan? longest = null;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                && double.IsFinite(seconds) && (longest is null || seconds > longest.Value.TotalSeconds))
            {
                longest = seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
            }
        }

        return longest;
    }

    private static TimeSpan? ParseDate(string text, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            return null;
        }

        var untilDate = date - now;
        return untilDate > TimeSpan.Zero ? untilDate : TimeSpan.Zero;
    }
}
