using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.Options;
using Outlook.Worker.Personas.State;

namespace Outlook.Worker.Personas.Engine;

/// <summary>An event reduced to what the persona learns from, with its local time resolved.</summary>
internal sealed record ObservedEvent(
    string Tuid,
    string? Address,
    string? DomainId,
    string Action,
    DateTimeOffset Timestamp,
    DateTime LocalTime,
    IReadOnlyList<string> RecipientDomains,
    IReadOnlyList<string> ExternalRecipientDomains,
    string? FromDomain,
    bool IsExternal,
    bool HasAttachments,
    string? Correspondent,
    RuleChange? Rule)
{
    public bool IsSent => Action == EventActions.EmailSent;

    public bool IsReceived => Action == EventActions.EmailReceived;

    /// <summary>True for actions the mailbox owner takes, which the hour-of-week histogram learns from.</summary>
    public bool IsUserActivity => IsSent || Rule is not null;

    public DateOnly LocalDate => DateOnly.FromDateTime(LocalTime);

    public int HourOfWeek => HourOfWeekHistogram.HourOfWeek(LocalTime);

    /// <summary>Builds the observation from an event that <see cref="PersonaEventValidator"/> accepted.</summary>
    public static ObservedEvent From(PersonaEvent evt, TenantPersonaSettings tenant)
    {
        var payload = evt.Payload!;
        var timestamp = evt.Timestamp!.Value;
        var action = payload.Action!;
        var recipients = Distinct((payload.ToDomains ?? []).Concat(payload.CcDomains ?? []));
        var external = recipients.Where(domain => !tenant.IsInternal(domain)).ToList();
        var fromDomain = Normalize(payload.FromDomain);
        var isExternal = action switch
        {
            EventActions.EmailSent => external.Count > 0,
            EventActions.EmailReceived => payload.IsExternalSender ?? (fromDomain is not null && !tenant.IsInternal(fromDomain)),
            _ => false,
        };

        return new ObservedEvent(
            evt.Tuid!,
            payload.User?.Trim().ToLowerInvariant(),
            evt.DomainId,
            action,
            timestamp,
            TimeZoneInfo.ConvertTime(timestamp, tenant.TimeZone).DateTime,
            recipients,
            external,
            fromDomain,
            isExternal,
            payload.HasAttachments ?? false,
            Normalize(evt.RawMetadata?.FromAddress),
            RuleChange.From(evt));
    }

    private static List<string> Distinct(IEnumerable<string> domains) =>
        [.. domains.Select(Normalize).OfType<string>().Distinct(StringComparer.Ordinal)];

    private static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
