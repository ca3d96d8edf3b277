namespace Microsoft.Extensions.Hosting;

/// <summary>Naming rules for the meters and activity sources of the Outlook services.</summary>
public static class OutlookTelemetry
{
    /// <summary>Every service names its Meter "Outlook.{Service}", so one wildcard exports them all.</summary>
    public const string MeterPrefix = "Outlook.";

    /// <summary>Every service names its ActivitySource "Outlook.{Service}".</summary>
    public const string ActivitySourcePrefix = "Outlook.";
}
