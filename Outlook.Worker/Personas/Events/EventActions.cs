namespace Outlook.Worker.Personas.Events;

/// <summary>Values of payload.action that personas learn from.</summary>
internal static class EventActions
{
    public const string EmailReceived = "email_received";
    public const string EmailSent = "email_sent";
    public const string RuleCreated = "inbox_rule_created";
    public const string RuleUpdated = "inbox_rule_updated";
    public const string RuleDeleted = "inbox_rule_deleted";

    public static bool IsRuleChange(string? action) =>
        action is RuleCreated or RuleUpdated or RuleDeleted;
}
