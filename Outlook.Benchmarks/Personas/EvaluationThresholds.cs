namespace Outlook.Benchmarks.Personas;

/// <summary>Eligibility rules for injecting a scenario, matched to the engine's default warm-up.</summary>
internal sealed record EvaluationThresholds(int MinEvents, TimeSpan MinDuration, int MinActivityEvents, TimeSpan DriftHistory, int DriftPeakPerDay);
