using System.Diagnostics;
using System.Globalization;
using System.Text;
using Outlook.Contracts.Alerts;
using Outlook.Worker.Personas.Engine;
using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.Options;
using Outlook.Worker.Personas.State;

namespace Outlook.Benchmarks.Personas;

/// <summary>
/// Replays the corpus through the persona engine, in memory and in time order per user: once
/// untouched to count false alerts, then once per injected scenario to measure recall.
/// </summary>
internal static class PersonaEvaluation
{
    public const string TimeZoneId = "America/Los_Angeles";

    /// <summary>Points of each user's history (as fractions of its time span) where scenarios are injected.</summary>
    private static readonly double[] InjectionPoints = [0.4, 0.6, 0.8];

    public static string Run(string corpusPath)
    {
        var settings = new PersonaSettings { TimeZone = TimeZoneId };
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        var tenant = new TenantPersonaSettings(settings, timeZone, [CorpusEvents.InternalDomain]);
        var engine = PersonaEngine.CreateDefault();
        var streams = CorpusEvents.Load(corpusPath);

        var stopwatch = Stopwatch.StartNew();
        var baseline = streams.ToDictionary(pair => pair.Key, pair => Replay(engine, tenant, pair.Value), StringComparer.Ordinal);
        stopwatch.Stop();

        var thresholds = new EvaluationThresholds(
            settings.Warmup.MinEvents,
            settings.Warmup.MinDuration,
            settings.OffHours.MinActivityEvents,
            TimeSpan.FromDays(settings.Drift.MinHistoryDays + 14),
            DriftPeakPerDay: 8);
        var recall = MeasureRecall(engine, tenant, streams, baseline, new ScenarioInjector(timeZone, thresholds));
        return Report(streams, baseline, recall, timeZone, stopwatch.Elapsed);
    }

    private static List<Alert> Replay(PersonaEngine engine, TenantPersonaSettings tenant, IEnumerable<PersonaEvent> events)
    {
        var state = new PersonaState();
        var alerts = new List<Alert>();
        foreach (var evt in events)
        {
            alerts.AddRange(engine.Apply(state, evt, tenant));
        }

        return alerts;
    }

    private static Dictionary<ScenarioKind, RecallCounts> MeasureRecall(
        PersonaEngine engine,
        TenantPersonaSettings tenant,
        Dictionary<string, List<PersonaEvent>> streams,
        Dictionary<string, List<Alert>> baseline,
        ScenarioInjector injector)
    {
        var results = ScenarioKinds.All.ToDictionary(kind => kind, _ => new RecallCounts());
        foreach (var (tuid, events) in streams.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var baselineIds = baseline[tuid].Select(alert => alert.AlertId).ToHashSet(StringComparer.Ordinal);
            foreach (var kind in ScenarioKinds.All)
            {
                foreach (var point in InjectionPoints)
                {
                    if (injector.Create(kind, events, DayAt(events, point, tenant.TimeZone)) is not { } injection)
                    {
                        continue;
                    }

                    var merged = events.Concat(injection.Events).OrderBy(evt => evt.Timestamp).ToList();
                    var detected = Replay(engine, tenant, merged).Any(alert =>
                        alert.DetectorId == kind.ExpectedDetector()
                        && !baselineIds.Contains(alert.AlertId)
                        && alert.FirstSeen >= injection.Start
                        && alert.FirstSeen <= injection.DetectBy);
                    var sentBefore = events.Count(evt => evt.Timestamp < injection.Start && evt.Payload!.Action == EventActions.EmailSent);
                    results[kind].Add(detected, sentBefore >= tenant.Settings.OffHours.MinActivityEvents);
                }
            }
        }

        return results;
    }

    private static DateOnly DayAt(List<PersonaEvent> events, double fraction, TimeZoneInfo timeZone)
    {
        var first = events[0].Timestamp!.Value;
        var last = events[^1].Timestamp!.Value;
        var time = first + (last - first) * fraction;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, timeZone).DateTime);
    }

    private static string Report(
        Dictionary<string, List<PersonaEvent>> streams,
        Dictionary<string, List<Alert>> baseline,
        Dictionary<ScenarioKind, RecallCounts> recall,
        TimeZoneInfo timeZone,
        TimeSpan baselineElapsed)
    {
        var eventCount = streams.Values.Sum(events => events.Count);
        var sentCount = streams.Values.Sum(events => events.Count(evt => evt.Payload!.Action == EventActions.EmailSent));
        var activeDays = streams.Values.Sum(events => events.Select(evt => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(evt.Timestamp!.Value, timeZone).DateTime)).Distinct().Count());
        var spanDays = streams.Values.Sum(events => (events[^1].Timestamp!.Value - events[0].Timestamp!.Value).TotalDays + 1);
        var incidents = baseline.Values.SelectMany(alerts => alerts).GroupBy(alert => alert.AlertId).Select(group => group.Last()).ToList();

        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Users: {streams.Count}; events: {eventCount} ({sentCount} sent); active user-days: {activeDays}; user-days of span: {spanDays:0}");
        text.AppendLine(culture, $"Baseline replay: {eventCount} events in {baselineElapsed.TotalSeconds:0.00} s ({eventCount / baselineElapsed.TotalSeconds:0} events/s, one thread)");
        text.AppendLine();
        text.AppendLine("| scenario | detector | injections | detected | recall | injections into users with 40+ sent | detected there |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (kind, counts) in recall)
        {
            var rate = counts.Trials == 0 ? "n/a" : (counts.Detected / (double)counts.Trials).ToString("P0", culture);
            text.AppendLine(culture, $"| {kind} | {kind.ExpectedDetector()} | {counts.Trials} | {counts.Detected} | {rate} | {counts.SenderTrials} | {counts.SenderDetected} |");
        }

        text.AppendLine();
        text.AppendLine("| detector | false alerts (incidents) | per 100 active user-days | per 100 user-days of span |");
        text.AppendLine("|---|---|---|---|");
        foreach (var detector in ScenarioKinds.All.Select(kind => kind.ExpectedDetector()).Append("all"))
        {
            var count = detector == "all" ? incidents.Count : incidents.Count(alert => alert.DetectorId == detector);
            text.AppendLine(culture, $"| {detector} | {count} | {100.0 * count / activeDays:0.00} | {100.0 * count / spanDays:0.00} |");
        }

        return text.ToString();
    }
}
