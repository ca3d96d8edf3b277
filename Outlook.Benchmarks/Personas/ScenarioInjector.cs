using Outlook.Worker.Personas.Events;

namespace Outlook.Benchmarks.Personas;

/// <summary>
/// Builds the injected events of each scenario for one user at one point of the user's history,
/// or returns null when the user is not eligible there (too little history, or not a 9-to-5 sender).
/// </summary>
internal sealed class ScenarioInjector(TimeZoneInfo timeZone, EvaluationThresholds thresholds)
{
    private int _sequence;

    public Injection? Create(ScenarioKind kind, IReadOnlyList<PersonaEvent> history, DateOnly day)
    {
        var first = history[0];
        var tuid = first.Tuid!;
        var owner = first.Payload!.User!;
        var dayStart = At(NextWeekday(day), 0);
        var before = history.Where(evt => evt.Timestamp < dayStart).ToList();
        var sequence = Interlocked.Increment(ref _sequence);
        return kind switch
        {
            ScenarioKind.ForwardingRule => ForwardingRule(tuid, owner, dayStart, sequence),
            ScenarioKind.AttachmentBurst when IsWarm(before, dayStart) => AttachmentBurst(tuid, owner, before, dayStart),
            ScenarioKind.FirstSeenDomainBurst when IsWarm(before, dayStart) => FirstSeenDomainBurst(tuid, owner, dayStart, sequence),
            ScenarioKind.OffHoursActivity when QuietHour(before, dayStart) is { } hour => OffHours(tuid, owner, dayStart, hour),
            ScenarioKind.ExternalDrift when IsWarm(before, dayStart) && dayStart - before[0].Timestamp!.Value >= thresholds.DriftHistory => Drift(tuid, owner, before, dayStart),
            _ => null,
        };
    }

    private Injection ForwardingRule(string tuid, string owner, DateTimeOffset day, int sequence)
    {
        var time = day.AddHours(11);
        var rule = new PersonaEvent
        {
            EventId = $"eval-rule-{sequence}",
            DomainId = CorpusEvents.DomainId,
            Tuid = tuid,
            Timestamp = time,
            Payload = new PersonaEventPayload
            {
                User = owner,
                Action = EventActions.RuleCreated,
                RuleId = $"eval-rule-{sequence}",
                ForwardToDomains = [$"drop-{sequence}.example"],
                AnyExternalTarget = true,
                IsEnabled = true,
            },
        };
        return new Injection(ScenarioKind.ForwardingRule, tuid, time, time.AddHours(1), [rule]);
    }

    /// <summary>Twelve messages with attachments to the user's most frequent external domain, within two hours.</summary>
    private Injection AttachmentBurst(string tuid, string owner, List<PersonaEvent> before, DateTimeOffset day)
    {
        var domain = TopExternalDomain(before) ?? "partner-attach.example";
        var start = day.AddHours(10);
        var events = Enumerable.Range(0, 12).Select(i => Sent(tuid, owner, start.AddMinutes(10 * i), [domain], hasAttachments: true)).ToList();
        return new Injection(ScenarioKind.AttachmentBurst, tuid, start, start.AddDays(1), events);
    }

    /// <summary>Eight messages to a domain never seen before, within three hours.</summary>
    private Injection FirstSeenDomainBurst(string tuid, string owner, DateTimeOffset day, int sequence)
    {
        var domain = $"first-seen-{sequence}.example";
        var start = day.AddHours(13);
        var events = Enumerable.Range(0, 8).Select(i => Sent(tuid, owner, start.AddMinutes(20 * i), [domain], hasAttachments: false)).ToList();
        return new Injection(ScenarioKind.FirstSeenDomainBurst, tuid, start, start.AddDays(1), events);
    }

    /// <summary>Three internal messages within the middle of the user's quiet hours on a weekday.</summary>
    private Injection OffHours(string tuid, string owner, DateTimeOffset day, int hour)
    {
        var start = day.AddHours(hour).AddMinutes(5);
        var events = new[] { 0, 15, 35 }.Select(minutes => Sent(tuid, owner, start.AddMinutes(minutes), [CorpusEvents.InternalDomain], hasAttachments: false)).ToList();
        return new Injection(ScenarioKind.OffHoursActivity, tuid, start, start.AddHours(2), events);
    }

    /// <summary>
    /// External messages on each weekday of five weeks, rising from 1 to
    /// <see cref="EvaluationThresholds.DriftPeakPerDay"/> a day, to the user's most frequent external domains.
    /// </summary>
    private Injection Drift(string tuid, string owner, List<PersonaEvent> before, DateTimeOffset day)
    {
        var domains = TopExternalDomains(before, 3);
        if (domains.Count == 0)
        {
            domains = ["drift-a.example", "drift-b.example", "drift-c.example"];
        }

        var events = new List<PersonaEvent>();
        const int Days = 35;
        for (var d = 0; d < Days; d++)
        {
            var date = day.AddDays(d);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var count = (int)Math.Ceiling((d + 1) * (double)thresholds.DriftPeakPerDay / Days);
            for (var i = 0; i < count; i++)
            {
                events.Add(Sent(tuid, owner, date.AddHours(14).AddMinutes(7 * i), [domains[i % domains.Count]], hasAttachments: false));
            }
        }

        return new Injection(ScenarioKind.ExternalDrift, tuid, day, day.AddDays(Days + 7), events);
    }

    private bool IsWarm(List<PersonaEvent> before, DateTimeOffset time) =>
        before.Count >= thresholds.MinEvents && time - before[0].Timestamp!.Value >= thresholds.MinDuration;

    /// <summary>
    /// Returns the middle hour of the longest run of at least six hours of the day in which the
    /// user never sent mail, or null for a user without enough sent mail or without such a run.
    /// The corpus' clock puts its busiest senders' working day at 00:00 to 12:00 Pacific time, so
    /// the "3 a.m. for a 9-to-5 user" scenario uses each user's own quiet hours.
    /// </summary>
    private int? QuietHour(List<PersonaEvent> before, DateTimeOffset time)
    {
        var sentHours = before
            .Where(evt => evt.Payload!.Action == EventActions.EmailSent)
            .Select(evt => TimeZoneInfo.ConvertTime(evt.Timestamp!.Value, timeZone).Hour)
            .ToList();
        if (!IsWarm(before, time) || sentHours.Count < thresholds.MinActivityEvents)
        {
            return null;
        }

        var active = new bool[24];
        sentHours.ForEach(hour => active[hour] = true);
        var (bestStart, bestLength) = (0, 0);
        for (var start = 0; start < 24; start++)
        {
            var length = 0;
            while (length < 24 && !active[(start + length) % 24])
            {
                length++;
            }

            if (length > bestLength)
            {
                (bestStart, bestLength) = (start, length);
            }
        }

        return bestLength >= 6 ? (bestStart + bestLength / 2) % 24 : null;
    }

    private static string? TopExternalDomain(List<PersonaEvent> before) => TopExternalDomains(before, 1).FirstOrDefault();

    private static List<string> TopExternalDomains(List<PersonaEvent> before, int count) =>
        [.. before
            .SelectMany(evt => (evt.Payload!.ToDomains ?? []).Concat(evt.Payload.CcDomains ?? []).Append(evt.Payload.FromDomain ?? ""))
            .Where(domain => domain.Length > 0 && !CorpusEvents.IsInternal(domain))
            .GroupBy(domain => domain, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(group => group.Key)];

    private PersonaEvent Sent(string tuid, string owner, DateTimeOffset time, List<string> toDomains, bool hasAttachments) => new()
    {
        EventId = $"eval-sent-{Interlocked.Increment(ref _sequence)}",
        DomainId = CorpusEvents.DomainId,
        Tuid = tuid,
        Timestamp = time,
        Payload = new PersonaEventPayload
        {
            User = owner,
            Action = EventActions.EmailSent,
            FromDomain = CorpusEvents.DomainOf(owner),
            IsExternalSender = false,
            RecipientCount = toDomains.Count,
            ToDomains = toDomains,
            CcDomains = [],
            HasAttachments = hasAttachments,
        },
    };

    /// <summary>Returns local midnight of <paramref name="day"/> plus <paramref name="hours"/> in the evaluation time zone.</summary>
    private DateTimeOffset At(DateOnly day, int hours)
    {
        var local = day.ToDateTime(new TimeOnly(hours, 0));
        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }

    private static DateOnly NextWeekday(DateOnly day)
    {
        while (day.DayOfWeek is not (DayOfWeek.Tuesday or DayOfWeek.Wednesday or DayOfWeek.Thursday))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
