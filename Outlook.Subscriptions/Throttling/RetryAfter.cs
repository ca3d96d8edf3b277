using System.Globalization;

namespace Outlook.Subscriptions.Throttling;

/// <summary>
/// Parses the Retry-After header in every form Graph has been seen to send: whole seconds
/// ("120"), decimal seconds ("2.128"), HTTP dates ("Wed, 21 Oct 2026 07:28:00 GMT") and lists
/// folded by a proxy ("30,120"). System.Net's RetryConditionHeaderValue rejects the decimal
/// and list forms, so this small parser is written here.
/// </summary>
public static class RetryAfter
{
    /// <summary>
    /// Returns the delay to wait from <paramref name="now"/>, or null when no value could be read.
    /// When several values are present the longest wins, so no retry goes out before any of them allows.
    /// </summary>
    public static TimeSpan? Parse(IEnumerable<string> values, DateTimeOffset now)
    {
        TimeSpan? longest = null;
        foreach (var value in values)
        {
            var delay = ParseOne(value, now);
            if (delay is { } found && (longest is null || found > longest))
            {
                longest = found;
            }
        }

        return longest;
    }

    private static TimeSpan? ParseOne(string value, DateTimeOffset now)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        // An HTTP date contains a comma after the weekday, so it is tried before splitting a list.
        // Only text with letters (day and month names) is a date: "2.128" would parse as one too.
        if (trimmed.Any(char.IsAsciiLetter) && (DateTimeOffset.TryParseExact(trimmed, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date)))
        {
            var untilDate = date - now;
            return untilDate > TimeSpan.Zero ? untilDate : TimeSpan.Zero;
        }

        TimeSpan? longest = null;
        foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                && double.IsFinite(seconds))
            {
                // Rounding up keeps a retry from going out a fraction of a millisecond early.
                var delay = TimeSpan.FromMilliseconds(Math.Ceiling(seconds * 1000));
                if (longest is null || delay > longest)
                {
                    longest = delay;
                }
            }
        }

        return longest;
    }
}
