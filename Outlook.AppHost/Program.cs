using Outlook.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddOutlookInfrastructure();
var kafka = infrastructure.Kafka;
var redis = infrastructure.Redis;

var graph = builder.AddProject<Projects.Outlook_GraphEmulator>("graph-emulator");

var webhook = builder.AddProject<Projects.Outlook_Webhook>("webhook")
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(redis).WaitFor(redis);

builder.AddProject<Projects.Outlook_Worker>("worker")
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(redis).WaitFor(redis)
    .WithReference(graph).WaitFor(graph);

builder.AddProject<Projects.Outlook_Subscriptions>("subscriptions")
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(redis).WaitFor(redis)
    .WithReference(graph).WaitFor(graph)
    .WithReference(webhook).WaitFor(webhook);

builder.Build().Run();
