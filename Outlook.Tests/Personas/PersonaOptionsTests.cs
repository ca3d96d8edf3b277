using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outlook.Worker.Personas.Options;

namespace Outlook.Tests.Personas;

public sealed class PersonaOptionsTests
{
    [Fact]
    public void PersonaOptions_InvalidValues_AreEachNamed()
    {
        using var host = Build(new()
        {
            ["Personas:TimeZone"] = "Mars/Olympus",
            ["Personas:Exfiltration:AttachmentSigmas"] = "0",
            ["Personas:Tenants:tenant-a:Drift:MinRatio"] = "0.5",
        });

        var exception = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<PersonaOptions>>().Value);

        Assert.Contains(exception.Failures, failure => failure.StartsWith("Personas:TimeZone", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("Personas:Exfiltration:AttachmentSigmas", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("Personas:Tenants:tenant-a:Drift:MinRatio", StringComparison.Ordinal));
    }

    [Fact]
    public void PersonaOptions_NegativeCacheSize_IsNamed()
    {
        using var host = Build(new() { ["Personas:CacheSize"] = "-1" });

        var exception = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<PersonaOptions>>().Value);

        Assert.Contains(exception.Failures, failure => failure.StartsWith("Personas:CacheSize", StringComparison.Ordinal));
    }

    [Fact]
    public void PersonaOptions_TenantOverride_KeepsConfiguredDefaults()
    {
        using var host = Build(new()
        {
            ["Personas:TimeZone"] = "Europe/Berlin",
            ["Personas:NewDomain:MinMessages"] = "7",
            ["Personas:Tenants:tenant-a:NewDomain:MinMessages"] = "3",
        });

        var options = host.Services.GetRequiredService<IOptions<PersonaOptions>>().Value;

        Assert.Equal(3, options.Tenants["tenant-a"].NewDomain.MinMessages);
        Assert.Equal("Europe/Berlin", options.Tenants["tenant-a"].TimeZone);
        Assert.Equal(7, options.NewDomain.MinMessages);
    }

    [Fact]
    public void SettingsResolver_DomainIdOfTenant_ReturnsTenantOverride()
    {
        using var host = Build(new()
        {
            ["Outlook:Tenants:0:TenantId"] = "tenant-a",
            ["Outlook:Tenants:0:DomainId"] = "domain-a",
            ["Outlook:Tenants:0:InternalDomains:0"] = "contoso.com",
            ["Personas:Tenants:tenant-a:NewDomain:MinMessages"] = "3",
        });
        var resolver = host.Services.GetRequiredService<PersonaSettingsResolver>();

        var tenant = resolver.Resolve("domain-a");
        var other = resolver.Resolve("domain-b");

        Assert.Equal(3, tenant.Settings.NewDomain.MinMessages);
        Assert.True(tenant.IsInternal("mail.contoso.com"));
        Assert.Equal(5, other.Settings.NewDomain.MinMessages);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:1,abortConnect=false",
            ["ConnectionStrings:kafka"] = "127.0.0.1:1",
        });
        builder.AddPersonas();
        return builder.Build();
    }
}
