using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Outlook.GraphEmulator.Admin;
using Outlook.GraphEmulator.Faults;
using Outlook.GraphEmulator.Graph;
using Outlook.GraphEmulator.Identity;
using Outlook.GraphEmulator.Mail;
using Outlook.GraphEmulator.Notifications;
using Outlook.GraphEmulator.Options;
using Outlook.GraphEmulator.Replay;
using Outlook.GraphEmulator.Subscriptions;
using Outlook.GraphEmulator.Throttling;

namespace Outlook.GraphEmulator;

/// <summary>Wiring of the Graph emulator: options, state, background services and routes.</summary>
public static class EmulatorExtensions
{
    /// <summary>Creates the emulator application; tests call this to host it in-process.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddGraphEmulator();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGraphEmulator();
        return app;
    }

    public static WebApplicationBuilder AddGraphEmulator(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmulatorOptions>()
            .Bind(builder.Configuration.GetSection(EmulatorOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EmulatorTelemetry>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<Corpus>();
        services.AddSingleton<MailboxStore>();
        services.AddSingleton<MailService>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<FaultState>();
        services.AddSingleton<MailboxUsageTracker>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<NotificationBuilder>();
        services.AddSingleton<NotificationRouter>();
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<SyntheticGenerator>();
        services.AddSingleton<SubscriptionLifecycleService>();
        services.AddSingleton<ReplayService>();

        services.AddHostedService<NotificationDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<SubscriptionLifecycleService>());
        services.AddHostedService(provider => provider.GetRequiredService<ReplayService>());
        return builder;
    }

    public static WebApplication MapGraphEmulator(this WebApplication app)
    {
        // Routing must see the rewritten path, so it runs after the rewrite, not first as by default.
        app.UseODataPathRewrite();
        app.UseRouting();
        app.MapIdentityEndpoints();
        app.MapGraphEndpoints();
        app.MapAdminEndpoints();
        return app;
    }
}
