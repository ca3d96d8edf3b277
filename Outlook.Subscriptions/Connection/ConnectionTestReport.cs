namespace Outlook.Subscriptions.Connection;

/// <summary>Result of a connection test of one tenant, step by step.</summary>
public sealed record ConnectionTestReport(string TenantId, bool Succeeded, IReadOnlyList<ConnectionTestStep> Steps);

/// <summary>One step of a connection test and what a tenant admin should do about a failure.</summary>
public sealed record ConnectionTestStep(string Name, bool Succeeded, string Message);
