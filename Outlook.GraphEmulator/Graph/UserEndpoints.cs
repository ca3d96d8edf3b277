using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Mail;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Graph;

/// <summary>GET /users (with $select, $top and @odata.nextLink paging) and GET /users/{id}.</summary>
public static class UserEndpoints
{
    private const int MaxTop = 999;

    // Graph returns these without $select; the other properties only when selected.
    private static readonly string[] DefaultProperties =
    [
        "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
        "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id",
    ];

    public static void MapUserEndpoints(this RouteGroupBuilder graph)
    {
        graph.MapGet("/users", List);
        graph.MapGet("/users/{userId}", Get);
    }

    private static IResult List(HttpContext context, MailboxStore mailboxes, IOptions<EmulatorOptions> options)
    {
        var query = context.Request.Query;
        var select = GraphJson.ParseSelect(query["$select"]);
        var top = options.Value.PageSize * 2;
        if (query.ContainsKey("$top") && (!int.TryParse(query["$top"], out top) || top is < 1 or > MaxTop))
        {
            return GraphErrors.BadRequest($"Invalid page size specified: '{query["$top"]}'. Must be between 1 and {MaxTop} inclusive.");
        }

        var skip = 0;
        if (query.ContainsKey("$skiptoken") && !int.TryParse(query["$skiptoken"], out skip))
        {
            return GraphErrors.BadRequest($"Invalid $skiptoken '{query["$skiptoken"]}'.");
        }

        var all = mailboxes.All;
        if (all.Count > 0 && GraphJson.UnknownProperties(Build(all[0]), select).FirstOrDefault() is { } unknown)
        {
            return UnknownProperty(unknown, "user");
        }

        var page = all.Skip(skip).Take(top).Select(m => (JsonNode)GraphJson.Project(Build(m), select ?? DefaultProperties, "id"));
        var body = new JsonObject
        {
            ["@odata.context"] = $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#users",
        };
        if (skip + top < all.Count)
        {
            var selectPart = select is null ? "" : $"&$select={Uri.EscapeDataString(string.Join(',', select))}";
            body["@odata.nextLink"] = $"{GraphRoutes.BaseUrl(context.Request)}/users?$top={top}{selectPart}&$skiptoken={(skip + top).ToString(CultureInfo.InvariantCulture)}";
        }

        body["value"] = new JsonArray([.. page]);
        return Results.Json(body);
    }

    private static IResult Get(string userId, HttpContext context, MailboxStore mailboxes)
    {
        if (mailboxes.Find(userId) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(userId);
        }

        var user = GraphJson.Project(Build(mailbox), GraphJson.ParseSelect(context.Request.Query["$select"]) ?? DefaultProperties, "id");
        user.Insert(0, "@odata.context", $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#users/$entity");
        return Results.Json(user);
    }

    public static IResult UnknownProperty(string property, string type) =>
        GraphErrors.Create(400, "RequestBroker--ParseUri", $"Could not find a property named '{property}' on type 'microsoft.graph.{type}'.");

    private static JsonObject Build(Mailbox mailbox)
    {
        var name = mailbox.DisplayName;
        return new JsonObject
        {
            ["businessPhones"] = new JsonArray(),
            ["displayName"] = name,
            ["givenName"] = name,
            ["jobTitle"] = null,
            ["mail"] = mailbox.Address,
            ["mobilePhone"] = null,
            ["officeLocation"] = null,
            ["preferredLanguage"] = "en-US",
            ["surname"] = null,
            ["userPrincipalName"] = mailbox.Address,
            ["id"] = mailbox.UserId,
            ["accountEnabled"] = true,
            ["mailNickname"] = mailbox.DisplayName,
            ["userType"] = "Member",
            ["proxyAddresses"] = new JsonArray($"SMTP:{mailbox.Address}"),
        };
    }
}
