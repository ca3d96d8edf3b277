using Outlook.Worker.Personas.Events;

namespace Outlook.Worker.Personas.Engine;

/// <summary>Checks that an event carries what a persona needs.</summary>
internal static class PersonaEventValidator
{
    /// <summary>Returns why the event cannot be applied, or null when it can.</summary>
    public static string? FindProblem(PersonaEvent? evt)
    {
        if (evt is null)
        {
            return "the event is empty (JSON null)";
        }

        if (string.IsNullOrWhiteSpace(evt.Tuid))
        {
            return "tuid is missing";
        }

        if (evt.Timestamp is null)
        {
            return "timestamp is missing";
        }

        if (string.IsNullOrWhiteSpace(evt.Payload?.Action))
        {
            return "payload.action is missing";
        }

        return null;
    }
}
