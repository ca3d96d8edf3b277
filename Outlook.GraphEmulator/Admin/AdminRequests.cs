using Outlook.GraphEmulator.Faults;

namespace Outlook.GraphEmulator.Admin;

/// <summary>POST /emulator/replay/speed body: corpus seconds per real second.</summary>
public sealed record SpeedRequest(double Factor);

/// <summary>POST /emulator/generator/run body: number of actions and an optional seed.</summary>
public sealed record GeneratorRequest(int Actions, int? Seed);

/// <summary>POST /emulator/faults/drop body: how long notifications are dropped.</summary>
public sealed record DropRequest(TimeSpan Duration);

/// <summary>POST /emulator/faults/throttle body: how long every Graph request gets 429, and the Retry-After form.</summary>
public sealed record ThrottleRequest(TimeSpan Duration, RetryAfterForm? RetryAfterForm);

/// <summary>POST /emulator/faults/retry-after body: the Retry-After form for every 429.</summary>
public sealed record RetryAfterRequest(RetryAfterForm RetryAfterForm);

/// <summary>POST /emulator/mailboxes/{userId}/messages body: a message to deliver now.</summary>
public sealed record DeliverRequest(
    string? From,
    IReadOnlyList<string>? To,
    IReadOnlyList<string>? Cc,
    string? Folder,
    string? Importance,
    int Attachments,
    bool IsRead);

/// <summary>PATCH /emulator/mailboxes/{userId}/messages/{id} body: the properties to change.</summary>
public sealed record MessagePatchRequest(bool? IsRead, string? FlagStatus, string? Importance);

/// <summary>POST /emulator/mailboxes/{userId}/messages/{id}/move body: target folder id, well-known name or display name.</summary>
public sealed record MoveRequest(string Folder);

/// <summary>POST /emulator/mailboxes/{userId}/rules body: an inbox rule to add.</summary>
public sealed record RuleRequest(
    string? DisplayName,
    IReadOnlyList<string>? SenderContains,
    IReadOnlyList<string>? ForwardTo,
    IReadOnlyList<string>? ForwardAsAttachmentTo,
    IReadOnlyList<string>? RedirectTo,
    bool StopProcessingRules,
    bool IsReadOnly);

/// <summary>PATCH /emulator/mailboxes/{userId}/rules/{id} body: the rule shape of the add route; only the given properties change.</summary>
public sealed record RulePatchRequest(
    string? DisplayName,
    IReadOnlyList<string>? SenderContains,
    IReadOnlyList<string>? ForwardTo,
    IReadOnlyList<string>? ForwardAsAttachmentTo,
    IReadOnlyList<string>? RedirectTo,
    bool? StopProcessingRules,
    bool? IsReadOnly);
