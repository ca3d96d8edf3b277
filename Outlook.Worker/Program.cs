var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPersonas();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
