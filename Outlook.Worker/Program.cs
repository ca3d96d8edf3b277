using Outlook.Worker;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNormalizerWorker();
builder.AddPersonas();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
