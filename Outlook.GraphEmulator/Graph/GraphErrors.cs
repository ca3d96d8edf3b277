using System.Globalization;

namespace Outlook.GraphEmulator.Graph;

/// <summary>Graph's error responses: {"error":{"code","message","innerError"}} with application/json.</summary>
public static class GraphErrors
{
    public static IResult Create(int status, string code, string message)
    {
        var requestId = Guid.NewGuid().ToString();
        var body = new Dictionary<string, object>
        {
            ["error"] = new Dictionary<string, object>
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new Dictionary<string, object>
                {
                    ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                    ["request-id"] = requestId,
                    ["client-request-id"] = requestId,
                },
            },
        };
        return Results.Json(body, statusCode: status);
    }

    public static IResult ItemNotFound() =>
        Create(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    public static IResult UserNotFound(string user) =>
        Create(404, "ResourceNotFound", $"Resource '{user}' does not exist or one of its queried reference-property objects are not present.");

    public static IResult BadRequest(string message) => Create(400, "BadRequest", message);

    public static IResult InvalidRequest(string message) => Create(400, "InvalidRequest", message);

    public static IResult Unauthorized(string message) => Create(401, "InvalidAuthenticationToken", message);

    public static IResult SyncStateNotFound() =>
        Create(410, "SyncStateNotFound", "The sync state generation is not found; the delta token has expired. Start a new delta query.");
}
