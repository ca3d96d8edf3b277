using Outlook.Worker.Personas.State;

namespace Outlook.Worker.Personas.Hosting;

/// <summary>A persona and the version it was read at; 0 when Redis held none.</summary>
internal sealed record StoredPersona(PersonaState State, long Version);
