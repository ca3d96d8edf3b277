using Outlook.Webhook;
using Outlook.Webhook.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaClients();
builder.AddOutlookRedisClient("redis");
builder.AddWebhook();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapNotificationsApi();

app.Run();
