using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Identity.Client;
using Microsoft.Kiota.Abstractions;
using Outlook.ServiceDefaults.Graph;

namespace Outlook.Subscriptions.Connection;

/// <summary>Turns Entra and Graph failures into sentences a tenant admin can act on.</summary>
public static class AdminMessages
{
    /// <summary>
    /// Explains a failed token request. Azure.Identity's own message is empty after its colon for
    /// Entra errors; the AADSTS code and text are in the inner <see cref="MsalServiceException"/>.
    /// </summary>
    public static string ForTokenFailure(TenantOptions tenant, Exception exception)
    {
        var msal = FindMsal(exception);
        var code = msal?.ErrorCode ?? "";
        var detail = FirstLine(msal?.Message ?? exception.Message);
        var setting = $"{TenantsOptions.SectionName}:Tenants (tenant {tenant.TenantId})";

        if (detail.Contains("AADSTS7000215", StringComparison.Ordinal))
        {
            return $"The client secret is wrong (AADSTS7000215). Copy the secret's Value, not its Secret ID, from the app registration's "
                + $"Certificates & secrets page into ClientSecret of {setting}.";
        }

        if (detail.Contains("AADSTS7000222", StringComparison.Ordinal))
        {
            return $"The client secret has expired (AADSTS7000222). Create a new secret in the app registration and set it as ClientSecret of {setting}.";
        }

        if (detail.Contains("AADSTS700016", StringComparison.Ordinal))
        {
            return $"No application with client id {tenant.ClientId} exists in tenant {tenant.TenantId} (AADSTS700016). "
                + "Check ClientId and TenantId, and that an admin has consented to the app in this tenant.";
        }

        if (detail.Contains("AADSTS90002", StringComparison.Ordinal) || detail.Contains("AADSTS900023", StringComparison.Ordinal))
        {
            return $"Tenant {tenant.TenantId} was not found ({Code(detail)}). Check TenantId of {setting}.";
        }

        if (detail.Contains("AADSTS65001", StringComparison.Ordinal))
        {
            return "The app has no admin consent in this tenant (AADSTS65001). A Global or Privileged Role Administrator must grant admin consent "
                + "on the app registration's API permissions page.";
        }

        if (exception is CredentialUnavailableException)
        {
            return $"The credential could not be used: {detail} Check ClientSecret or CertificatePath of {setting}.";
        }

        return $"Entra ID refused the token request ({(code.Length > 0 ? code : "no error code")}): {detail}";
    }

    /// <summary>Explains a failed Graph call of the connection test.</summary>
    public static string ForGraphFailure(string action, string permission, Exception exception)
    {
        var status = exception is ApiException api ? api.ResponseStatusCode : 0;
        var code = exception is ODataError { Error.Code: { } errorCode } ? errorCode : "";
        var message = exception is ODataError { Error.Message: { } errorMessage } ? errorMessage : exception.Message;
        return status switch
        {
            401 => $"Graph rejected the access token when trying to {action} (401 {code}): {message}",
            403 => $"Permission missing: the app may not {action} (403 {code}). Add the application permission {permission} "
                + "to the app registration and grant admin consent.",
            429 or 503 => $"Graph is throttling the app ({status}); trying to {action} again later should work.",
            0 => $"Could not reach Graph to {action}: {exception.Message}",
            _ => $"Graph answered {status} {code} when trying to {action}: {message}",
        };
    }

    private static MsalServiceException? FindMsal(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is MsalServiceException msal)
            {
                return msal;
            }
        }

        return null;
    }

    private static string Code(string detail)
    {
        var start = detail.IndexOf("AADSTS", StringComparison.Ordinal);
        if (start < 0)
        {
            return "no error code";
        }

        var end = start + 6;
        while (end < detail.Length && char.IsAsciiDigit(detail[end]))
        {
            end++;
        }

        return detail[start..end];
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
