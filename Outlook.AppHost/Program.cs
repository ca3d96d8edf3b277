using Outlook.AppHost.Infrastructure;
using Outlook.AppHost.Tenancy;

var builder = DistributedApplication.CreateBuilder(args);
builder.UseOrderlyShutdown();

var infrastructure = builder.AddOutlookInfrastructure();
var kafka = infrastructure.Kafka;
var redis = infrastructure.Redis;

var tenant = builder.AddOutlookTenant();

var webhook = builder.AddProject<Projects.Outlook_Webhook>("webhook")
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(redis).WaitFor(redis)
    .WithTenant(tenant)
    .WithRichNotificationKeys(tenant)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Outlook_Worker>("worker")
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(redis).WaitFor(redis)
    .WithTenant(tenant)
    .WithHttpHealthCheck("/health");

// The management API (connection test, subscription status, forced resync) takes this key.
var managementApiKey = builder.AddParameter(
    "subscriptions-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

builder.AddProject<Projects.Outlook_Subscriptions>("subscriptions")
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(redis).WaitFor(redis)
    .WithTenant(tenant)
    .WithNotificationTarget(webhook, tenant)
    .WithEnvironment("Subscriptions__ApiKey", managementApiKey)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
