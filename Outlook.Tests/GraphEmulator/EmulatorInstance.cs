using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Outlook.GraphEmulator;
using Outlook.ServiceDefaults.Graph;

namespace Outlook.Tests.GraphEmulator;

/// <summary>
/// One Graph emulator hosted in-process on https://127.0.0.1 with a random port and a fresh
/// self-signed certificate, plus clients for it: the Graph SDK, raw HTTP with a token, and the admin API.
/// </summary>
internal sealed class EmulatorInstance : IAsyncDisposable
{
    public const string TenantId = "6f0e5f2a-7d1c-4f5e-9a55-3c1d2b7a9e01";
    public const string ClientId = "0c8f4a44-4d8e-4c8a-a4a2-5b6f3e2d1c0b";
    public const string ClientSecret = "emulator-test-secret with spaces";

    private readonly WebApplication _app;
    private readonly string _pfxPath;

    private EmulatorInstance(WebApplication app, string pfxPath, string thumbprint)
    {
        _app = app;
        _pfxPath = pfxPath;
        Thumbprint = thumbprint;
        BaseUrl = app.Urls.First().TrimEnd('/');
        Admin = new HttpClient(GraphClientProvider.CreateTrustingHandler(thumbprint)) { BaseAddress = new Uri(BaseUrl + "/emulator/") };
        Graph = CreateGraphClient(ClientSecret);
    }

    public string BaseUrl { get; }

    public string Thumbprint { get; }

    public HttpClient Admin { get; }

    public GraphServiceClient Graph { get; }

    public static string CorpusPath =>
        Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "data", "enron-mail-metadata.jsonl.gz");

    /// <summary>Starts an emulator; <paramref name="settings"/> override the test defaults under "Emulator".</summary>
    public static async Task<EmulatorInstance> StartAsync(IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        var (pfxPath, password, thumbprint) = TestCertificates.CreateServerPfx();
        var configuration = new Dictionary<string, string?>
        {
            ["Kestrel:Certificates:Default:Path"] = pfxPath,
            ["Kestrel:Certificates:Default:Password"] = password,
            ["Emulator:TenantId"] = TenantId,
            ["Emulator:ClientId"] = ClientId,
            ["Emulator:ClientSecret"] = ClientSecret,
            ["Emulator:CorpusPath"] = Path.GetFullPath(CorpusPath),
            ["Emulator:ReplayAutoStart"] = "false",
            ["Emulator:DeliveryInitialBackoff"] = "00:00:00.050",
            ["Emulator:DeliveryMaxAttempts"] = "3",
            ["Emulator:BatchWindow"] = "00:00:00.020",
            ["Emulator:LifecycleCheckInterval"] = "00:00:00.200",
            ["Emulator:PageSize"] = "5",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration["Emulator:" + key] = value;
        }

        var app = EmulatorExtensions.Build([], builder =>
        {
            builder.WebHost.UseUrls("https://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync(cancellationToken);
        return new EmulatorInstance(app, pfxPath, thumbprint);
    }

    /// <summary>Creates a Graph SDK client the way the connector does: ClientSecretCredential against the emulator's authority.</summary>
    public GraphServiceClient CreateGraphClient(string secret)
    {
        var tenant = Tenant(secret);
        var credential = GraphClientProvider.CreateCredential(tenant);
        var authentication = new AzureIdentityAuthenticationProvider(
            credential,
            allowedHosts: ["127.0.0.1"],
            observabilityOptions: null,
            isCaeEnabled: false,
            scopes: ["https://graph.microsoft.com/.default"]);
        var httpClient = GraphClientFactory.Create(finalHandler: GraphClientProvider.CreateTrustingHandler(Thumbprint));
        return new GraphServiceClient(httpClient, authentication, BaseUrl + "/v1.0");
    }

    public TokenCredential CreateCredential(string secret) => GraphClientProvider.CreateCredential(Tenant(secret));

    /// <summary>Creates a plain HttpClient that sends a valid bearer token, for checking raw responses.</summary>
    public async Task<HttpClient> CreateAuthorizedHttpClientAsync(CancellationToken cancellationToken)
    {
        var token = await CreateCredential(ClientSecret).GetTokenAsync(
            new TokenRequestContext(["https://graph.microsoft.com/.default"]), cancellationToken);
        var client = new HttpClient(GraphClientProvider.CreateTrustingHandler(Thumbprint)) { BaseAddress = new Uri(BaseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    /// <summary>Returns the first mailbox's user id.</summary>
    public async Task<string> FirstUserIdAsync(CancellationToken cancellationToken, int index = 0)
    {
        var mailboxes = await Admin.GetFromJsonAsync<JsonArray>("mailboxes", cancellationToken);
        return mailboxes![index]!["userId"]!.GetValue<string>();
    }

    /// <summary>Delivers one message through the admin API and returns its description (id, etag, folderId).</summary>
    public async Task<JsonObject> DeliverAsync(string userId, object request, CancellationToken cancellationToken)
    {
        using var response = await Admin.PostAsJsonAsync($"mailboxes/{userId}/messages", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
    }

    public async Task<JsonObject> StatisticsAsync(CancellationToken cancellationToken) =>
        (await Admin.GetFromJsonAsync<JsonObject>("statistics", cancellationToken))!;

    private TenantOptions Tenant(string secret) => new()
    {
        TenantId = TenantId,
        ClientId = ClientId,
        ClientSecret = secret,
        AuthorityHost = new Uri(BaseUrl + "/"),
        GraphBaseUrl = new Uri(BaseUrl + "/v1.0"),
        TrustedCertificateThumbprint = Thumbprint,
    };

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Graph.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_pfxPath);
    }
}
