namespace Outlook.Tests.EndToEnd;

/// <summary>Runs the end-to-end classes one after another: each starts a whole AppHost, and two at once would starve a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection
{
    public const string Name = "End to end";
}
