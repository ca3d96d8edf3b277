using System.Globalization;

namespace Outlook.ServiceDefaults.Graph;

/// <summary>
/// Parses the Retry-After header in every form Graph has been seen to send: whole seconds
/// ("120"), decimal seconds ("2.128"), HTTP dates ("Wed, 21 Oct 2026 07:28:00 GMT") and lists
/// folded by a proxy ("30,120"). System.Net's RetryConditionHeaderValue rejects the decimal
/// and list forms, so this small parser is written here.
/// </summary>
public static class RetryAfter
{
    private static readonly decimal MaxMilliseconds = (decimal)TimeSpan.MaxValue.TotalMilliseconds;

    /// <summary>
    /// Returns the delay to wait from <paramref name="now"/>, or null when no value could be read.
    /// When several values are present the longest wins, so no retry goes out before any of them allows.
    /// </summary>
    public static TimeSpan? Parse(IEnumerable<string> values, DateTimeOffset now)
    {
        TimeSpan? longest = null;
        foreach (var value in values)
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

        // An HTTP date has letters and a comma of its own ("Fri, 04 Dec 2026 16:00:00 GMT"), so it
        // is parsed whole. Digits alone are never read as a date, because "2.12" is not 12 February.
        if (text.Any(char.IsAsciiLetter))
        {
            return ParseDate(text, now);
        }

        TimeSpan? longest = null;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (ParseSeconds(part) is { } delay && (longest is null || delay > longest))
            {
                longest = delay;
            }
        }

        return longest;
    }

    private static TimeSpan? ParseSeconds(string text)
    {
        // Decimal keeps "2.12" exact; rounding up to the millisecond keeps a retry from going out early.
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var milliseconds = decimal.Ceiling(seconds * 1000m);
        return milliseconds >= MaxMilliseconds ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds((double)milliseconds);
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
