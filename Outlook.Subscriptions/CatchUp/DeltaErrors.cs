using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace Outlook.Subscriptions.CatchUp;

/// <summary>Recognises a delta link Graph no longer accepts.</summary>
public static class DeltaErrors
{
    private static readonly string[] ExpiredCodes = ["syncStateNotFound", "resyncRequired", "syncStateInvalid"];

    /// <summary>
    /// True for 410 Gone, or an error code naming a lost sync state. Graph spells the code in
    /// more than one case (SyncStateNotFound), so codes are compared without case.
    /// </summary>
    public static bool IsExpired(Exception exception)
    {
        if (exception is ODataError { Error.Code: { } code }
            && ExpiredCodes.Any(expired => string.Equals(expired, code, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return exception is ApiException { ResponseStatusCode: 410 };
    }
}
