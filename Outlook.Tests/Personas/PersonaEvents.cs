using Outlook.Worker.Personas.Engine;
using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.Options;
using Outlook.Worker.Personas.State;
using Outlook.Contracts.Alerts;

namespace Outlook.Tests.Personas;

/// <summary>Hand-built event histories for persona tests, in UTC with contoso.com as the internal domain.</summary>
internal static class PersonaEvents
{
    public const string Tuid = "tuid-test-user";
    public const string Owner = "alex@contoso.com";
    public const string Partner = "partner.example";

    /// <summary>A Monday, so day offsets of 0 to 4 are working days.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static TenantPersonaSettings Tenant(PersonaSettings? settings = null) =>
        new(settings ?? new PersonaSettings(), TimeZoneInfo.Utc, ["contoso.com"]);

    public static PersonaEvent Sent(DateTimeOffset time, string[] toDomains, bool hasAttachments = false) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        DomainId = "domain-test",
        Tuid = Tuid,
        Timestamp = time,
        Payload = new PersonaEventPayload
        {
            User = Owner,
            Action = EventActions.EmailSent,
            FromDomain = "contoso.com",
            IsExternalSender = false,
            RecipientCount = toDomains.Length,
            ToDomains = toDomains,
            CcDomains = [],
            HasAttachments = hasAttachments,
        },
    };

    public static PersonaEvent Received(DateTimeOffset time, string fromAddress)
    {
        var fromDomain = fromAddress[(fromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        return new PersonaEvent
        {
            EventId = Guid.NewGuid().ToString(),
            DomainId = "domain-test",
            Tuid = Tuid,
            Timestamp = time,
            Payload = new PersonaEventPayload
            {
                User = Owner,
                Action = EventActions.EmailReceived,
                FromDomain = fromDomain,
                IsExternalSender = fromDomain != "contoso.com",
                RecipientCount = 1,
                ToDomains = ["contoso.com"],
                CcDomains = [],
                HasAttachments = false,
            },
            RawMetadata = new PersonaRawMetadata { FromAddress = fromAddress },
        };
    }

    public static PersonaEvent Rule(DateTimeOffset time, string ruleId, string action = EventActions.RuleCreated, string[]? forwardTo = null, bool? anyExternal = null, string? moveTo = null, bool delete = false, bool isReadOnly = false, bool isOpaque = false) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        DomainId = "domain-test",
        Tuid = Tuid,
        Timestamp = time,
        Payload = new PersonaEventPayload { User = Owner, Action = action },
        RawMetadata = new PersonaRawMetadata
        {
            RuleId = ruleId,
            ForwardToDomains = forwardTo,
            AnyExternalTarget = anyExternal,
            MoveToFolder = moveTo,
            Delete = delete,
            IsReadOnly = isReadOnly,
            IsOpaque = isOpaque,
            IsEnabled = true,
        },
    };

    /// <summary>
    /// A 9-to-5 user over <paramref name="days"/> days: on each working day six internal messages
    /// and one to <see cref="Partner"/> between 09:00 and 16:00 UTC, and four received messages.
    /// </summary>
    public static List<PersonaEvent> NineToFive(int days)
    {
        var events = new List<PersonaEvent>();
        for (var day = 0; day < days; day++)
        {
            var date = Start.AddDays(day);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            for (var i = 0; i < 6; i++)
            {
                events.Add(Sent(date.AddHours(9 + i).AddMinutes(day % 50), ["contoso.com"]));
            }

            events.Add(Sent(date.AddHours(15).AddMinutes(30), [Partner]));
            for (var i = 0; i < 4; i++)
            {
                events.Add(Received(date.AddHours(10 + i), i == 0 ? "sam@partner.example" : "kim@contoso.com"));
            }
        }

        return events;
    }

    /// <summary>Applies the events in order and returns every alert raised or updated.</summary>
    public static List<Alert> Replay(PersonaState state, IEnumerable<PersonaEvent> events, TenantPersonaSettings? tenant = null)
    {
        var engine = PersonaEngine.CreateDefault();
        var alerts = new List<Alert>();
        foreach (var evt in events)
        {
            alerts.AddRange(engine.Apply(state, evt, tenant ?? Tenant()));
        }

        return alerts;
    }
}
