using System.Text.RegularExpressions;

namespace Outlook.GraphEmulator.Graph;

/// <summary>
/// Rewrites OData key syntax into plain segments: Users('x')/messages('y') becomes
/// Users/x/messages/y and delta() becomes delta, so one route serves every spelling.
/// </summary>
public static partial class ODataPath
{
    public static string Normalize(string path)
    {
        var keyed = KeySegment().Replace(path, match => $"{match.Groups["name"].Value}/{match.Groups["key"].Value}");
        return FunctionCall().Replace(keyed, match => match.Groups["name"].Value);
    }

    [GeneratedRegex(@"(?<name>[A-Za-z]+)\('(?<key>[^']*)'\)")]
    private static partial Regex KeySegment();

    [GeneratedRegex(@"(?<name>[A-Za-z.]+)\(\)")]
    private static partial Regex FunctionCall();
}
