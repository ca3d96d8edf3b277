using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Graph;
using Outlook.GraphEmulator.Identity;
using Outlook.GraphEmulator.Mail;
using Outlook.GraphEmulator.Notifications;
using Outlook.GraphEmulator.Options;

namespace Outlook.GraphEmulator.Subscriptions;

/// <summary>POST, GET, PATCH and DELETE /v1.0/subscriptions, with Graph's validation handshake and limits.</summary>
public static class SubscriptionEndpoints
{
    private const int MaxClientStateLength = 128;
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);

    public static void MapSubscriptionEndpoints(this RouteGroupBuilder graph)
    {
        graph.MapPost("/subscriptions", CreateAsync);
        graph.MapGet("/subscriptions", List);
        graph.MapGet("/subscriptions/{id}", Get);
        graph.MapPatch("/subscriptions/{id}", UpdateAsync);
        graph.MapDelete("/subscriptions/{id}", Delete);
        graph.MapPost("/subscriptions/{id}/reauthorize", Reauthorize);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context,
        SubscriptionStore store,
        MailboxStore mailboxes,
        NotificationSender sender,
        IOptions<EmulatorOptions> options,
        TimeProvider time,
        ILogger<Subscription> logger)
    {
        var request = await ReadAsync(context);
        if (request is null)
        {
            return GraphErrors.BadRequest("The request body is not a valid subscription JSON object.");
        }

        var settings = options.Value;
        if (Validate(request, mailboxes, store, settings, time.GetUtcNow(), out var validated) is { } invalid)
        {
            return invalid;
        }

        var (resource, mailbox, folderId, certificate, expiration) = validated!;
        var subscription = new Subscription
        {
            Id = Guid.NewGuid().ToString(),
            Resource = request.Resource!,
            UserId = mailbox.UserId,
            FolderId = folderId,
            Select = resource.Select,
            ChangeType = request.ChangeType!,
            ChangeTypes = ParseChangeTypes(request.ChangeType!).ToHashSet(StringComparer.Ordinal),
            NotificationUrl = request.NotificationUrl!,
            LifecycleNotificationUrl = request.LifecycleNotificationUrl,
            ClientState = request.ClientState,
            ExpirationDateTime = expiration,
            IncludeResourceData = request.IncludeResourceData == true,
            EncryptionCertificate = request.EncryptionCertificate,
            EncryptionCertificateId = request.EncryptionCertificateId,
            Certificate = certificate,
            ApplicationId = (string)context.Items[GraphAuthentication.ApplicationIdItem]!,
            CreatorId = TokenIssuer.ServicePrincipalId((string)context.Items[GraphAuthentication.ApplicationIdItem]!),
            LatestSupportedTlsVersion = request.LatestSupportedTlsVersion ?? "v1_2",
        };

        foreach (var url in new[] { subscription.NotificationUrl, subscription.LifecycleNotificationUrl })
        {
            if (url is not null && !await ValidateEndpointAsync(sender, url, settings, logger, context.RequestAborted))
            {
                return GraphErrors.Create(400, "ValidationError", $"Subscription validation request failed. Notification endpoint '{url}' must respond with 200 OK to validation request.");
            }
        }

        store.Add(subscription);
        SubscriptionLog.Created(logger, subscription.Id, subscription.UserId, subscription.IncludeResourceData);
        return Results.Json(SubscriptionJson.Build(subscription, Context(context)), statusCode: 201);
    }

    private static async Task<bool> ValidateEndpointAsync(
        NotificationSender sender, string url, EmulatorOptions settings, ILogger logger, CancellationToken cancellationToken)
    {
        // Real validation tokens contain spaces and colons; receivers must decode the query value.
        var token = $"Validation: Testing client application reachability for subscription Request-Id: {Guid.NewGuid()}";
        try
        {
            return await sender.ValidateEndpointAsync(url, token, settings.ValidationTimeout, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            SubscriptionLog.ValidationFailed(logger, url, exception);
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            SubscriptionLog.ValidationTimedOut(logger, url);
            return false;
        }
    }

    /// <summary>Checks a create request against Graph's rules; returns the first error, or null with the resolved parts.</summary>
    private static IResult? Validate(
        SubscriptionRequest request,
        MailboxStore mailboxes,
        SubscriptionStore store,
        EmulatorOptions settings,
        DateTimeOffset now,
        out ValidatedSubscription? validated)
    {
        validated = null;

        foreach (var (name, value) in new[] { ("changeType", request.ChangeType), ("notificationUrl", request.NotificationUrl), ("resource", request.Resource) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return GraphErrors.InvalidRequest($"The property '{name}' is required.");
            }
        }

        if (request.ExpirationDateTime is null)
        {
            return GraphErrors.InvalidRequest("The property 'expirationDateTime' is required.");
        }

        if (ParseChangeTypes(request.ChangeType!).FirstOrDefault(t => !ChangeTypes.All.Contains(t)) is { } badType)
        {
            return GraphErrors.InvalidRequest($"Invalid change type '{badType}'; use created, updated or deleted separated by commas.");
        }

        foreach (var url in new[] { request.NotificationUrl, request.LifecycleNotificationUrl })
        {
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            {
                return GraphErrors.InvalidRequest($"'{url}' is not a valid absolute http or https URL.");
            }
        }

        if (request.ClientState is { Length: > MaxClientStateLength })
        {
            return GraphErrors.InvalidRequest($"clientState is {request.ClientState.Length} characters long; the maximum is {MaxClientStateLength}.");
        }

        if (SubscriptionResource.TryParse(request.Resource!, out var resourceError) is not { } resource)
        {
            return GraphErrors.BadRequest(resourceError!);
        }

        if (mailboxes.Find(resource.User) is not { } mailbox)
        {
            return GraphErrors.UserNotFound(resource.User);
        }

        string? folderId = null;
        if (resource.Folder is not null)
        {
            lock (mailbox.Sync)
            {
                folderId = mailbox.FindFolder(resource.Folder)?.Id;
            }

            if (folderId is null)
            {
                return GraphErrors.ItemNotFound();
            }
        }

        var rich = request.IncludeResourceData == true;
        X509Certificate2? certificate = null;
        if (rich)
        {
            if (ValidateRich(request, resource, out certificate) is { } richError)
            {
                return richError;
            }
        }

        var maxLifetime = rich && settings.MaxRichSubscriptionLifetime < settings.MaxSubscriptionLifetime
            ? settings.MaxRichSubscriptionLifetime
            : settings.MaxSubscriptionLifetime;
        if (ValidateExpiration(request.ExpirationDateTime.Value, now, maxLifetime) is { } expirationError)
        {
            return expirationError;
        }

        if (store.CountForUser(mailbox.UserId) >= settings.MaxSubscriptionsPerMailbox)
        {
            return GraphErrors.Create(403, "ExtensionError", $"Operation: Create; Exception: [Status Code: Forbidden; Reason: Number of subscriptions on mailbox exceeded the limit of {settings.MaxSubscriptionsPerMailbox}]");
        }

        validated = new ValidatedSubscription(resource, mailbox, folderId, certificate, request.ExpirationDateTime.Value);
        return null;
    }

    private sealed record ValidatedSubscription(
        SubscriptionResource Resource, Mailbox Mailbox, string? FolderId, X509Certificate2? Certificate, DateTimeOffset Expiration);

    private static IResult? ValidateRich(SubscriptionRequest request, SubscriptionResource resource, out X509Certificate2? certificate)
    {
        certificate = null;
        if (string.IsNullOrEmpty(request.EncryptionCertificate) || string.IsNullOrEmpty(request.EncryptionCertificateId))
        {
            return GraphErrors.InvalidRequest("includeResourceData requires encryptionCertificate and encryptionCertificateId.");
        }

        if (resource.Select is null)
        {
            return GraphErrors.InvalidRequest("A subscription that includes resource data must name its properties with $select in the resource.");
        }

        if (resource.Select.FirstOrDefault(p => p.Equals("body", StringComparison.OrdinalIgnoreCase) || p.Equals("uniqueBody", StringComparison.OrdinalIgnoreCase)) is { } forbidden)
        {
            return GraphErrors.InvalidRequest($"Property '{forbidden}' cannot be included in resource data; select other properties.");
        }

        try
        {
            certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(request.EncryptionCertificate));
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return GraphErrors.InvalidRequest("encryptionCertificate is not a base64-encoded X.509 certificate.");
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not { KeySize: >= 2048 and <= 4096 })
        {
            return GraphErrors.InvalidRequest("encryptionCertificate must carry an RSA public key of 2048 to 4096 bits.");
        }

        return null;
    }

    private static IResult? ValidateExpiration(DateTimeOffset expiration, DateTimeOffset now, TimeSpan maxLifetime)
    {
        if (expiration <= now)
        {
            return GraphErrors.InvalidRequest($"Subscription expiration '{GraphJson.PreciseTime(expiration)}' is in the past.");
        }

        if (expiration > now + maxLifetime)
        {
            return GraphErrors.InvalidRequest($"Subscription expiration can only be {(int)maxLifetime.TotalMinutes} minutes in the future.");
        }

        return null;
    }

    private static IResult List(HttpContext context, SubscriptionStore store) =>
        Results.Json(new JsonObject
        {
            ["@odata.context"] = $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#subscriptions",
            ["value"] = new JsonArray([.. store.Active.Select(s => (JsonNode)SubscriptionJson.Build(s, null))]),
        });

    private static IResult Get(string id, HttpContext context, SubscriptionStore store) =>
        store.Find(id) is { } subscription
            ? Results.Json(SubscriptionJson.Build(subscription, Context(context)))
            : SubscriptionNotFound(id);

    private static async Task<IResult> UpdateAsync(
        string id, HttpContext context, SubscriptionStore store, IOptions<EmulatorOptions> options, TimeProvider time)
    {
        if (store.Find(id) is not { } subscription)
        {
            return SubscriptionNotFound(id);
        }

        var request = await ReadAsync(context);
        if (request?.ExpirationDateTime is not { } expiration)
        {
            return GraphErrors.InvalidRequest("PATCH /subscriptions/{id} must set expirationDateTime.");
        }

        var settings = options.Value;
        var maxLifetime = subscription.IncludeResourceData && settings.MaxRichSubscriptionLifetime < settings.MaxSubscriptionLifetime
            ? settings.MaxRichSubscriptionLifetime
            : settings.MaxSubscriptionLifetime;
        if (ValidateExpiration(expiration, time.GetUtcNow(), maxLifetime) is { } error)
        {
            return error;
        }

        subscription.ExpirationDateTime = expiration;
        subscription.ReauthorizationAnnouncedFor = null;
        return Results.Json(SubscriptionJson.Build(subscription, Context(context)));
    }

    private static IResult Delete(string id, SubscriptionStore store) =>
        store.Remove(id) is null ? SubscriptionNotFound(id) : Results.NoContent();

    private static IResult Reauthorize(string id, SubscriptionStore store)
    {
        if (store.Find(id) is not { } subscription)
        {
            return SubscriptionNotFound(id);
        }

        subscription.ReauthorizationAnnouncedFor = null;
        return Results.NoContent();
    }

    private static IResult SubscriptionNotFound(string id) =>
        GraphErrors.Create(404, "ResourceNotFound", $"The object was not found. Subscription '{id}' does not exist or has expired.");

    private static string Context(HttpContext context) =>
        $"{GraphRoutes.BaseUrl(context.Request)}/$metadata#subscriptions/$entity";

    private static IEnumerable<string> ParseChangeTypes(string changeType) =>
        changeType.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<SubscriptionRequest?> ReadAsync(HttpContext context)
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<SubscriptionRequest>(RequestJson, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

internal static partial class SubscriptionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created subscription {SubscriptionId} on user {UserId} (resource data: {IncludeResourceData})")]
    public static partial void Created(ILogger logger, string subscriptionId, string userId, bool includeResourceData);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validation request to {Url} failed")]
    public static partial void ValidationFailed(ILogger logger, string url, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validation request to {Url} timed out")]
    public static partial void ValidationTimedOut(ILogger logger, string url);
}
