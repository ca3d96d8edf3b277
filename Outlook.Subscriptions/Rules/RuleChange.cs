using System.Text.Json;

namespace Outlook.Subscriptions.Rules;

/// <summary>One inbox rule created, updated or deleted between two snapshots; <see cref="Rule"/> is its latest JSON.</summary>
public sealed record RuleChange(string ChangeType, string RuleId, JsonElement Rule);
