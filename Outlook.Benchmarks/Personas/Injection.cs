using Outlook.Worker.Personas.Events;

namespace Outlook.Benchmarks.Personas;

/// <summary>Events injected into one user's stream, and the time span in which the expected alert must start.</summary>
internal sealed record Injection(ScenarioKind Kind, string Tuid, DateTimeOffset Start, DateTimeOffset DetectBy, IReadOnlyList<PersonaEvent> Events);
