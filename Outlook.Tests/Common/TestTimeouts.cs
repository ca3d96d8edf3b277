namespace Outlook.Tests.Common;

/// <summary>Upper bounds for every wait in the suite, sized for a loaded 2-core CI machine.</summary>
public static class TestTimeouts
{
    /// <summary>Building and starting the whole AppHost until every resource is healthy.</summary>
    public static readonly TimeSpan AppStart = TimeSpan.FromMinutes(3);

    /// <summary>Stopping the AppHost and its processes.</summary>
    public static readonly TimeSpan AppStop = TimeSpan.FromMinutes(1);

    /// <summary>One record travelling through Kafka, or one HTTP round trip.</summary>
    public static readonly TimeSpan Operation = TimeSpan.FromSeconds(30);

    /// <summary>A pipeline settling after a burst of input.</summary>
    public static readonly TimeSpan Pipeline = TimeSpan.FromMinutes(2);
}
