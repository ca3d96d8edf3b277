using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.Options;
using Outlook.Worker.Personas.State;

namespace Outlook.Worker.Personas.Engine;

/// <summary>
/// Updates a persona with one event, in three steps around detection. Days that ended are closed
/// first. The event's counts are observed before detectors run, so they see today's total. The
/// histogram and rule inventory learn from the event after detection, so detectors compare the
/// event against a baseline without it.
/// </summary>
internal static class PersonaLearner
{
    /// <summary>Gaps longer than this are folded as this many empty days; the means are near zero by then anyway.</summary>
    private const int MaxEmptyDaysFolded = 400;

    /// <summary>Closes every local day before the event's day and returns them, oldest first.</summary>
    public static List<ClosedDay> AdvanceTo(PersonaState state, ObservedEvent observed, TenantPersonaSettings tenant)
    {
        var closed = new List<ClosedDay>();
        if (state.FirstEventAt is null)
        {
            state.Today = new DayTotals { Date = observed.LocalDate };
            return closed;
        }

        // NOTE: an event older than the current day is counted into the current day; daily
        // volumes are only approximate for out-of-order events.
        if (observed.LocalDate <= state.Today.Date)
        {
            return closed;
        }

        closed.Add(CloseDay(state, state.Today, tenant.Settings));
        var emptyDays = Math.Min(observed.LocalDate.DayNumber - state.Today.Date.DayNumber - 1, MaxEmptyDaysFolded);
        for (var i = 1; i <= emptyDays; i++)
        {
            var empty = new DayTotals { Date = observed.LocalDate.AddDays(-(emptyDays + 1) + i) };
            closed.Add(CloseDay(state, empty, tenant.Settings));
        }

        state.Today = new DayTotals { Date = observed.LocalDate };
        return closed;
    }

    /// <summary>Adds the event to the counters, contacts and shares detectors read.</summary>
    public static void Observe(PersonaState state, ObservedEvent observed, TenantPersonaSettings tenant)
    {
        var settings = tenant.Settings;
        state.Tuid = observed.Tuid;
        state.Address = observed.Address ?? state.Address;
        state.DomainId = observed.DomainId ?? state.DomainId;
        state.FirstEventAt ??= observed.Timestamp;
        if (state.LastEventAt is null || observed.Timestamp > state.LastEventAt)
        {
            state.LastEventAt = observed.Timestamp;
        }

        state.EventCount++;
        state.Share.DecayTo(observed.Timestamp, settings.HalfLife);
        if (observed.IsSent)
        {
            ObserveSent(state, observed, tenant);
        }
        else if (observed.IsReceived)
        {
            ObserveReceived(state, observed, settings);
        }
    }

    /// <summary>Adds the event to the hour-of-week histogram and the rule inventory.</summary>
    /// <remarks>
    /// NOTE: an action that raised an off-hours finding is learned too, so later actions in the
    /// same hour may stay silent and the incident's count undercounts them. Keeping flagged
    /// actions out of the histogram tripled the false alerts of personas-eval (15 to 45).
    /// </remarks>
    public static void Learn(PersonaState state, ObservedEvent observed, TenantPersonaSettings tenant)
    {
        if (observed.IsUserActivity)
        {
            state.ActivityCount++;
            state.Hours.Add(observed.HourOfWeek, observed.Timestamp, tenant.Settings.HalfLife);
        }

        if (observed.Rule is { } rule)
        {
            LearnRule(state, rule, observed.Timestamp, tenant);
        }
    }

    private static void ObserveSent(PersonaState state, ObservedEvent observed, TenantPersonaSettings tenant)
    {
        var settings = tenant.Settings;
        var today = state.Today;
        state.SentCount++;
        today.Sent++;
        state.Share.Sent += 1;
        if (observed.IsExternal)
        {
            today.ExternalSent++;
            state.Share.ExternalSent += 1;
        }

        if (observed.IsExternal && observed.HasAttachments)
        {
            today.ExternalAttachmentSent++;
            foreach (var domain in observed.ExternalRecipientDomains)
            {
                if (today.ExternalAttachmentDomains.Count < DayTotals.MaxDomains && !today.ExternalAttachmentDomains.Contains(domain))
                {
                    today.ExternalAttachmentDomains.Add(domain);
                }
            }
        }

        foreach (var domain in observed.RecipientDomains)
        {
            var stats = Touch(state.Domains, domain, observed.Timestamp, settings.HalfLife, settings.MaxDomains);
            stats.Sent++;
            if (observed.HasAttachments)
            {
                stats.AttachmentsSent++;
            }
        }
    }

    private static void ObserveReceived(PersonaState state, ObservedEvent observed, PersonaSettings settings)
    {
        state.ReceivedCount++;
        state.Today.Received++;
        state.Share.Received += 1;
        if (observed.IsExternal)
        {
            state.Today.ExternalReceived++;
            state.Share.ExternalReceived += 1;
        }

        if (observed.FromDomain is { } fromDomain)
        {
            Touch(state.Domains, fromDomain, observed.Timestamp, settings.HalfLife, settings.MaxDomains).Received++;
        }

        if (observed.Correspondent is { } correspondent)
        {
            Touch(state.Correspondents, correspondent, observed.Timestamp, settings.HalfLife, settings.MaxCorrespondents).Received++;
        }
    }

    private static ClosedDay CloseDay(PersonaState state, DayTotals day, PersonaSettings settings)
    {
        var alpha = Decay.DailyAlpha(settings.HalfLife);
        var daily = state.Daily;
        daily.ClosedDays++;
        daily.Sent.Add(day.Sent, alpha);
        daily.Received.Add(day.Received, alpha);
        daily.ExternalSent.Add(day.ExternalSent, alpha);
        daily.ExternalAttachmentSent.Add(day.ExternalAttachmentSent, alpha);

        var trend = state.Trend;
        var shortAlpha = Decay.DailyAlpha(settings.Drift.ShortHalfLife);
        var longAlpha = Decay.DailyAlpha(settings.Drift.LongHalfLife);
        // Bursts are clipped because one burst would otherwise hold the short mean raised as long
        // as a real drift does. The exfiltration detector covers single-day bursts.
        var volume = Math.Min(day.ExternalSent, trend.LongVolume + 4 * settings.Drift.MinVolumeIncrease);
        trend.ShortVolume += shortAlpha * (volume - trend.ShortVolume);
        trend.LongVolume += longAlpha * (volume - trend.LongVolume);
        trend.VolumeDays++;
        if (day.ExternalShare is { } share)
        {
            // The first day seeds both means, so a rise is measured from the user's own start.
            trend.ShortShare = trend.ShareDays == 0 ? share : trend.ShortShare + shortAlpha * (share - trend.ShortShare);
            trend.LongShare = trend.ShareDays == 0 ? share : trend.LongShare + longAlpha * (share - trend.LongShare);
            trend.ShareDays++;
        }

        return ClosedDay.From(day, trend);
    }

    private static ContactStats Touch(Dictionary<string, ContactStats> contacts, string key, DateTimeOffset time, TimeSpan halfLife, int maxEntries)
    {
        if (!contacts.TryGetValue(key, out var stats))
        {
            EvictIfFull(contacts, time, halfLife, maxEntries);
            stats = new ContactStats { FirstSeen = time, LastSeen = time };
            contacts[key] = stats;
        }

        stats.Weight = stats.WeightAt(time, halfLife) + 1;
        if (time > stats.LastSeen)
        {
            stats.LastSeen = time;
        }

        return stats;
    }

    /// <summary>
    /// Keeps the map bounded by dropping the entries with the lowest decayed weight. A tenth of
    /// the capacity is freed at once, so eviction (a sort) runs once per many new contacts.
    /// </summary>
    private static void EvictIfFull(Dictionary<string, ContactStats> contacts, DateTimeOffset time, TimeSpan halfLife, int maxEntries)
    {
        if (contacts.Count < maxEntries)
        {
            return;
        }

        var toRemove = Math.Max(1, contacts.Count - maxEntries + 1 + maxEntries / 10);
        var weakest = contacts
            .OrderBy(pair => pair.Value.WeightAt(time, halfLife))
            .ThenBy(pair => pair.Value.LastSeen)
            .Take(toRemove)
            .Select(pair => pair.Key)
            .ToList();
        foreach (var key in weakest)
        {
            contacts.Remove(key);
        }
    }

    private static void LearnRule(PersonaState state, RuleChange rule, DateTimeOffset time, TenantPersonaSettings tenant)
    {
        if (rule.Action == EventActions.RuleDeleted)
        {
            state.Rules.Remove(rule.RuleId);
            return;
        }

        if (!state.Rules.TryGetValue(rule.RuleId, out var record))
        {
            record = new RuleRecord { FirstSeen = time };
            state.Rules[rule.RuleId] = record;
        }

        record.TargetDomains = [.. rule.TargetDomains];
        record.ForwardsExternally = RuleRisk.ExternalTargets(rule, tenant).Count > 0;
        record.Deletes = rule.Delete || rule.PermanentDelete;
        record.MoveToFolder = rule.MoveToFolder;
        record.IsOpaque = RuleRisk.IsOpaque(rule);
        record.IsEnabled = rule.IsEnabled;
        record.RiskyActions = [.. RuleRisk.Assess(rule, tenant)];
        record.LastSeen = time > record.LastSeen ? time : record.LastSeen;
    }
}
