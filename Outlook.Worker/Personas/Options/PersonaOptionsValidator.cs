using Microsoft.Extensions.Options;

namespace Outlook.Worker.Personas.Options;

/// <summary>Reports every invalid persona setting at start-up, naming its configuration key.</summary>
internal sealed class PersonaOptionsValidator : IValidateOptions<PersonaOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonaOptions options)
    {
        var failures = new List<string>();
        var root = PersonaOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.ConsumerGroup))
        {
            failures.Add($"{root}:ConsumerGroup is missing: set the Kafka consumer group for personas.");
        }

        Positive(failures, $"{root}:RetryDelay", options.RetryDelay);
        if (options.CacheSize < 0)
        {
            failures.Add($"{root}:CacheSize is {options.CacheSize}: it must be 0 (no cache) or more.");
        }

        ValidateSettings(failures, root, options);
        foreach (var (tenantId, settings) in options.Tenants)
        {
            ValidateSettings(failures, $"{root}:Tenants:{tenantId}", settings);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSettings(List<string> failures, string prefix, PersonaSettings settings)
    {
        if (!TimeZones.TryFind(settings.TimeZone, out _))
        {
            failures.Add($"{prefix}:TimeZone '{settings.TimeZone}' is not a time zone id known to this system (use an IANA id such as Europe/Berlin).");
        }

        Positive(failures, $"{prefix}:HalfLife", settings.HalfLife);
        AtLeast(failures, $"{prefix}:MaxDomains", settings.MaxDomains, 1);
        AtLeast(failures, $"{prefix}:MaxCorrespondents", settings.MaxCorrespondents, 1);

        NotNegative(failures, $"{prefix}:Warmup:MinDuration", settings.Warmup.MinDuration);
        AtLeast(failures, $"{prefix}:Warmup:MinEvents", settings.Warmup.MinEvents, 0);

        Positive(failures, $"{prefix}:Rules:IncidentWindow", settings.Rules.IncidentWindow);

        var exfiltration = settings.Exfiltration;
        AtLeast(failures, $"{prefix}:Exfiltration:MinAttachmentMessages", exfiltration.MinAttachmentMessages, 1);
        Positive(failures, $"{prefix}:Exfiltration:AttachmentSigmas", exfiltration.AttachmentSigmas);
        AtLeast(failures, $"{prefix}:Exfiltration:MinBulkMessages", exfiltration.MinBulkMessages, 1);
        Positive(failures, $"{prefix}:Exfiltration:BulkSigmas", exfiltration.BulkSigmas);
        Positive(failures, $"{prefix}:Exfiltration:MinStdDev", exfiltration.MinStdDev);
        Positive(failures, $"{prefix}:Exfiltration:IncidentWindow", exfiltration.IncidentWindow);

        Positive(failures, $"{prefix}:NewDomain:Window", settings.NewDomain.Window);
        AtLeast(failures, $"{prefix}:NewDomain:MinMessages", settings.NewDomain.MinMessages, 1);
        Positive(failures, $"{prefix}:NewDomain:IncidentWindow", settings.NewDomain.IncidentWindow);

        var offHours = settings.OffHours;
        AtLeast(failures, $"{prefix}:OffHours:MinActivityEvents", offHours.MinActivityEvents, 1);
        if (offHours.MaxBinShare is <= 0 or >= 1)
        {
            failures.Add($"{prefix}:OffHours:MaxBinShare is {offHours.MaxBinShare}: it must be between 0 and 1, exclusive.");
        }

        if (offHours.MaxHourOfDayShare is <= 0 or >= 1)
        {
            failures.Add($"{prefix}:OffHours:MaxHourOfDayShare is {offHours.MaxHourOfDayShare}: it must be between 0 and 1, exclusive.");
        }

        if (offHours.NeighbourHours is < 0 or > 12)
        {
            failures.Add($"{prefix}:OffHours:NeighbourHours is {offHours.NeighbourHours}: it must be from 0 to 12.");
        }

        Positive(failures, $"{prefix}:OffHours:IncidentWindow", offHours.IncidentWindow);

        var drift = settings.Drift;
        Positive(failures, $"{prefix}:Drift:ShortHalfLife", drift.ShortHalfLife);
        Positive(failures, $"{prefix}:Drift:LongHalfLife", drift.LongHalfLife);
        if (drift.LongHalfLife <= drift.ShortHalfLife)
        {
            failures.Add($"{prefix}:Drift:LongHalfLife ({drift.LongHalfLife}) must be longer than {prefix}:Drift:ShortHalfLife ({drift.ShortHalfLife}).");
        }

        if (drift.MinRatio <= 1)
        {
            failures.Add($"{prefix}:Drift:MinRatio is {drift.MinRatio}: it must be greater than 1.");
        }

        Positive(failures, $"{prefix}:Drift:MinShareIncrease", drift.MinShareIncrease);
        Positive(failures, $"{prefix}:Drift:MinVolumeIncrease", drift.MinVolumeIncrease);
        AtLeast(failures, $"{prefix}:Drift:SustainDays", drift.SustainDays, 1);
        AtLeast(failures, $"{prefix}:Drift:MinHistoryDays", drift.MinHistoryDays, 1);
        Positive(failures, $"{prefix}:Drift:IncidentWindow", drift.IncidentWindow);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} is {value}: it must be a positive duration.");
        }
    }

    private static void NotNegative(List<string> failures, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add($"{key} is {value}: it must not be negative.");
        }
    }

    private static void Positive(List<string> failures, string key, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            failures.Add($"{key} is {value}: it must be a positive number.");
        }
    }

    private static void AtLeast(List<string> failures, string key, int value, int minimum)
    {
        if (value < minimum)
        {
            failures.Add($"{key} is {value}: it must be at least {minimum}.");
        }
    }
}
