using Outlook.GraphEmulator;

var app = EmulatorExtensions.Build(args);
app.Run();
