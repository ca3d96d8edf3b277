using Outlook.Subscriptions.Apis;
using Outlook.Subscriptions.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSubscriptionsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapManagementApi();

app.Run();
