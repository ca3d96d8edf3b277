using System.Text.Json.Nodes;
using Outlook.GraphEmulator.Mail;

namespace Outlook.GraphEmulator.Graph;

/// <summary>Writes an inbox rule as Graph does: only the conditions and actions that are set, none for read-only rules.</summary>
public static class RuleJson
{
    public static JsonObject Build(MessageRule rule)
    {
        var json = new JsonObject
        {
            ["id"] = rule.Id,
            ["displayName"] = rule.DisplayName,
            ["sequence"] = rule.Sequence,
            ["isEnabled"] = rule.IsEnabled,
            ["hasError"] = rule.HasError,
            ["isReadOnly"] = rule.IsReadOnly,
        };
        if (rule.IsReadOnly)
        {
            return json;
        }

        var conditions = new JsonObject();
        AddStrings(conditions, "senderContains", rule.SenderContains);
        AddStrings(conditions, "subjectContains", rule.SubjectContains);
        json["conditions"] = conditions;

        var actions = new JsonObject();
        if (rule.MoveToFolder is not null)
        {
            actions["moveToFolder"] = rule.MoveToFolder;
        }

        AddFlag(actions, "delete", rule.Delete);
        AddFlag(actions, "markAsRead", rule.MarkAsRead);
        AddFlag(actions, "stopProcessingRules", rule.StopProcessingRules);
        AddRecipients(actions, "forwardTo", rule.ForwardTo);
        AddRecipients(actions, "forwardAsAttachmentTo", rule.ForwardAsAttachmentTo);
        AddRecipients(actions, "redirectTo", rule.RedirectTo);
        json["actions"] = actions;
        return json;
    }

    private static void AddStrings(JsonObject target, string name, List<string> values)
    {
        if (values.Count > 0)
        {
            target[name] = GraphJson.Strings(values);
        }
    }

    private static void AddFlag(JsonObject target, string name, bool value)
    {
        if (value)
        {
            target[name] = true;
        }
    }

    private static void AddRecipients(JsonObject target, string name, List<Recipient> recipients)
    {
        if (recipients.Count > 0)
        {
            target[name] = GraphJson.Recipients(recipients);
        }
    }
}
