using Azure.Core;
using Microsoft.Extensions.Options;
using Outlook.ServiceDefaults.Graph;
using Outlook.Subscriptions.GraphAccess;

namespace Outlook.Subscriptions.Connection;

/// <summary>
/// Checks a tenant's connection the way the service uses it: token, consented permissions, one
/// user, that user's mail folders and inbox rules, and the subscription list.
/// </summary>
public sealed partial class ConnectionTester(IOptionsMonitor<TenantsOptions> tenants, ILogger<ConnectionTester> logger)
{
    private static readonly string[] GraphScopes = ["https://graph.microsoft.com/.default"];

    // Application permissions the service needs, and for each one that also does the job.
    private static readonly (string Needed, string[] Accepted)[] RequiredRoles =
    [
        ("User.Read.All", ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"]),
        ("Mail.ReadBasic.All", ["Mail.ReadBasic.All", "Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite"]),
        ("MailboxSettings.Read", ["MailboxSettings.Read", "MailboxSettings.ReadWrite"]),
    ];

    public async Task<IReadOnlyList<ConnectionTestReport>> TestAllAsync(CancellationToken cancellationToken)
    {
        var reports = new List<ConnectionTestReport>();
        foreach (var tenant in tenants.CurrentValue.Tenants)
        {
            reports.Add(await TestAsync(tenant, cancellationToken));
        }

        return reports;
    }

    public async Task<ConnectionTestReport> TestAsync(TenantOptions tenant, CancellationToken cancellationToken)
    {
        var steps = new List<ConnectionTestStep>();
        var credential = GraphClientProvider.CreateCredential(tenant);
        var token = await GetTokenAsync(tenant, credential, steps, cancellationToken);
        if (token is null)
        {
            return Finish(tenant, steps);
        }

        steps.Add(CheckRoles(token));

        using var client = GraphClientProvider.CreateClient(tenant, credential);
        var userId = await RunStepAsync(steps, "listUsers", "list users", "User.Read.All", async () =>
        {
            var users = await client.Users.GetAsync(configuration =>
            {
                GraphRequests.Configure(configuration);
                configuration.QueryParameters.Top = 1;
                configuration.QueryParameters.Select = ["id", "mail"];
            }, cancellationToken);
            var first = users?.Value?.FirstOrDefault();
            return (first?.Id, first is null ? "Listed users, but the tenant has none." : $"Listed users; found {first.Mail ?? first.Id}.");
        });

        if (userId is not null)
        {
            await RunStepAsync(steps, "readMailFolders", "read mail folders", "Mail.ReadBasic.All", async () =>
            {
                await client.Users[userId].MailFolders.GetAsync(configuration =>
                {
                    GraphRequests.Configure(configuration);
                    configuration.QueryParameters.Top = 1;
                }, cancellationToken);
                return ("ok", "Read the mail folders of that user.");
            });
            await RunStepAsync(steps, "readInboxRules", "read inbox rules", "MailboxSettings.Read", async () =>
            {
                await client.Users[userId].MailFolders["inbox"].MessageRules.GetAsync(GraphRequests.Configure, cancellationToken);
                return ("ok", "Read inbox rules of that user.");
            });
        }

        await RunStepAsync(steps, "listSubscriptions", "list subscriptions", "Mail.ReadBasic.All", async () =>
        {
            var subscriptions = await client.Subscriptions.GetAsync(GraphRequests.Configure, cancellationToken);
            return ("ok", $"Listed subscriptions; the app has {subscriptions?.Value?.Count ?? 0} in this tenant.");
        });

        return Finish(tenant, steps);
    }

    private async Task<string?> GetTokenAsync(TenantOptions tenant, TokenCredential credential, List<ConnectionTestStep> steps, CancellationToken cancellationToken)
    {
        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext(GraphScopes), cancellationToken);
            steps.Add(new ConnectionTestStep("token", true, $"Got an access token for app {tenant.ClientId} from {tenant.AuthorityHost}."));
            return token.Token;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStepFailed(ex, "token", tenant.TenantId);
            steps.Add(new ConnectionTestStep("token", false, AdminMessages.ForTokenFailure(tenant, ex)));
            return null;
        }
    }

    private static ConnectionTestStep CheckRoles(string token)
    {
        var roles = TokenRoles.Read(token);
        if (roles is null)
        {
            return new ConnectionTestStep("permissions", true, "The token is not a readable JWT; the calls below check the permissions instead.");
        }

        if (roles.Count == 0)
        {
            return new ConnectionTestStep("permissions", false,
                "The token carries no application permissions: admin consent has not been granted. An admin must grant consent on the "
                + "app registration's API permissions page.");
        }

        var missing = RequiredRoles
            .Where(required => !required.Accepted.Any(accepted => roles.Contains(accepted, StringComparer.OrdinalIgnoreCase)))
            .Select(required => required.Needed)
            .ToList();
        return missing.Count == 0
            ? new ConnectionTestStep("permissions", true, $"Consented permissions: {string.Join(", ", roles)}.")
            : new ConnectionTestStep("permissions", false,
                $"Missing application permission(s): {string.Join(", ", missing)}. Add them to the app registration and grant admin consent.");
    }

    private async Task<string?> RunStepAsync(
        List<ConnectionTestStep> steps, string name, string action, string permission, Func<Task<(string? Result, string Message)>> step)
    {
        try
        {
            var (result, message) = await step();
            steps.Add(new ConnectionTestStep(name, true, message));
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStepFailed(ex, name, "-");
            steps.Add(new ConnectionTestStep(name, false, AdminMessages.ForGraphFailure(action, permission, ex)));
            return null;
        }
    }

    private static ConnectionTestReport Finish(TenantOptions tenant, List<ConnectionTestStep> steps) =>
        new(tenant.TenantId, steps.All(step => step.Succeeded), steps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection test step {Step} failed for tenant {TenantId}")]
    private partial void LogStepFailed(Exception exception, string step, string tenantId);
}
