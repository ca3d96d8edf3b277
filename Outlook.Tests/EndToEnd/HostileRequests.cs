using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Outlook.Tests.EndToEnd;

/// <summary>The webhook's response to one hostile request.</summary>
public sealed record HostileAnswer(string Name, HttpStatusCode Status, int? Accepted);

/// <summary>
/// Requests an attacker (or a broken proxy) could send the public notification URL: malformed
/// JSON, a huge body, a real subscription id with a wrong clientState, and a rich notification
/// with forged validation tokens. Each names a message id that does not exist, so an event for
/// it would show up as unexpected in the replay check.
/// </summary>
public static class HostileRequests
{
    public static async Task<IReadOnlyList<HostileAnswer>> SendAsync(
        HttpClient webhook, string subscriptionId, string userId, int rounds, CancellationToken cancellationToken)
    {
        var answers = new List<HostileAnswer>();
        for (var round = 0; round < rounds; round++)
        {
            answers.Add(await PostAsync(webhook, "malformed JSON", "{\"value\": [ {\"subscriptionId\": ", cancellationToken));
            answers.Add(await PostAsync(webhook, "huge body", HugeBody(), cancellationToken));
            answers.Add(await PostAsync(webhook, "wrong clientState", Notification(subscriptionId, userId, round, "not-the-secret", null), cancellationToken));
            answers.Add(await PostAsync(webhook, "forged validation token", Notification(subscriptionId, userId, round, null, ForgedToken()), cancellationToken));
        }

        return answers;
    }

    private static async Task<HostileAnswer> PostAsync(HttpClient webhook, string name, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await webhook.PostAsync("api/notifications", content, cancellationToken);
        int? accepted = null;
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var summary = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            accepted = summary?["accepted"]?.GetValue<int>();
        }

        return new HostileAnswer(name, response.StatusCode, accepted);
    }

    private static string HugeBody() =>
        "{\"value\": [" + string.Join(",", Enumerable.Repeat("{\"subscriptionId\": \"" + new string('x', 1000) + "\"}", 20_000)) + "]}";

    private static string Notification(string subscriptionId, string userId, int round, string? clientState, string? token)
    {
        var resource = $"Users/{userId}/Messages/hostile-{round}";
        var item = new JsonObject
        {
            ["subscriptionId"] = subscriptionId,
            ["subscriptionExpirationDateTime"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O"),
            ["changeType"] = "created",
            ["resource"] = resource,
            ["tenantId"] = EndToEndFixture.TenantId,
            ["resourceData"] = new JsonObject
            {
                ["@odata.type"] = "#Microsoft.Graph.Message",
                ["@odata.id"] = resource,
                ["id"] = $"hostile-{round}",
            },
        };
        if (clientState is not null)
        {
            item["clientState"] = clientState;
        }

        var body = new JsonObject { ["value"] = new JsonArray(item) };
        if (token is not null)
        {
            item["encryptedContent"] = new JsonObject
            {
                ["data"] = "AAAA",
                ["dataSignature"] = "AAAA",
                ["dataKey"] = "AAAA",
                ["encryptionCertificateId"] = "outlook-dev-encryption",
                ["encryptionCertificateThumbprint"] = "00",
            };
            body["validationTokens"] = new JsonArray(token);
        }

        return body.ToJsonString();
    }

    // A well-formed JWT signed with a key no one trusts (here: no signature at all).
    private static string ForgedToken()
    {
        static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"forged\"}") + "." +
               Encode($"{{\"aud\":\"0d9c8b7a-6e5f-4d3c-9b2a-1f0e9d8c7b6a\",\"iss\":\"https://sts.windows.net/{EndToEndFixture.TenantId}/\",\"tid\":\"{EndToEndFixture.TenantId}\",\"azp\":\"0bf30f3b-4a52-48df-9a82-234910c4a086\",\"iat\":{now},\"nbf\":{now},\"exp\":{now + 3600}}}") +
               "." + Encode("forged-signature");
    }
}
