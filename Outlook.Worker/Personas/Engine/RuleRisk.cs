using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.Options;

namespace Outlook.Worker.Personas.Engine;

/// <summary>Names the risky actions of an inbox rule, shared by the rule detector and the rule inventory.</summary>
internal static class RuleRisk
{
    public const string Forward = "forward";
    public const string Redirect = "redirect";
    public const string ForwardAsAttachment = "forward_as_attachment";
    public const string Delete = "delete";
    public const string PermanentDelete = "permanent_delete";
    public const string Move = "move";
    public const string Opaque = "opaque";

    /// <summary>Returns the risky actions of the rule, in a fixed order.</summary>
    public static IReadOnlyList<string> Assess(RuleChange rule, TenantPersonaSettings tenant)
    {
        var actions = new List<string>();
        var externalTargets = ExternalTargets(rule, tenant);
        AddIfExternal(actions, Forward, rule.ForwardToDomains, externalTargets);
        AddIfExternal(actions, Redirect, rule.RedirectToDomains, externalTargets);
        AddIfExternal(actions, ForwardAsAttachment, rule.ForwardAsAttachmentToDomains, externalTargets);
        if (rule.AnyExternalTarget == true && actions.Count == 0)
        {
            // The normaliser saw an external target but sent no domains: still a forward.
            actions.Add(Forward);
        }

        if (rule.Delete)
        {
            actions.Add(Delete);
        }

        if (rule.PermanentDelete)
        {
            actions.Add(PermanentDelete);
        }

        if (IsObscureFolder(rule.MoveToFolder, tenant.Settings.Rules.ObscureFolders))
        {
            actions.Add(Move);
        }

        if (IsOpaque(rule))
        {
            actions.Add(Opaque);
        }

        return actions;
    }

    /// <summary>
    /// Returns the target domains outside the tenant. When the normaliser states that no target
    /// is external, that wins over this worker's view of the tenant's domains.
    /// </summary>
    public static IReadOnlyList<string> ExternalTargets(RuleChange rule, TenantPersonaSettings tenant) =>
        rule.AnyExternalTarget == false ? [] : [.. rule.TargetDomains.Where(domain => !tenant.IsInternal(domain))];

    /// <summary>A read-only rule without visible actions does something the API does not show.</summary>
    public static bool IsOpaque(RuleChange rule) =>
        rule.IsOpaque
        || (rule.IsReadOnly && rule.TargetDomains.Count == 0 && !rule.Delete && !rule.PermanentDelete && rule.MoveToFolder is null);

    public static bool IsObscureFolder(string? folder, IEnumerable<string> obscureFolders)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return false;
        }

        var key = FolderKey(folder);
        return obscureFolders.Any(obscure => FolderKey(obscure) == key);
    }

    private static void AddIfExternal(List<string> actions, string action, IReadOnlyList<string> domains, IReadOnlyList<string> externalTargets)
    {
        if (domains.Any(externalTargets.Contains))
        {
            actions.Add(action);
        }
    }

    /// <summary>Compares "Junk Email", "junkemail" and "JUNK_EMAIL" as one folder, as Graph's well-known names drop the spaces.</summary>
    private static string FolderKey(string folder) =>
        new([.. folder.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
}
