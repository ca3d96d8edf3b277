using Outlook.Worker.Personas.State;

namespace Outlook.Worker.Personas.Hosting;

/// <summary>
/// A persona, the version it was read at (0 when Redis had none) and the random stamp of the
/// save that wrote it (null for a new persona or a document written before stamps existed).
/// </summary>
internal sealed record StoredPersona(PersonaState State, long Version, string? Stamp = null);
