using System.Text.Json.Nodes;

namespace Outlook.Tests.GraphEmulator;

/// <summary>The shape of a JSON document: every property path, with array elements merged under "[]".</summary>
internal static class JsonShape
{
    public static SortedSet<string> Paths(JsonNode? node)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Collect(node, "", paths);
        return paths;
    }

    public static JsonNode Load(string sampleFile) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SamplesDirectory, sampleFile)))!;

    private static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Samples", "graph-samples");

    private static void Collect(JsonNode? node, string prefix, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (name, value) in json)
                {
                    var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                    paths.Add(path);
                    Collect(value, path, paths);
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    Collect(element, prefix + "[]", paths);
                }

                break;
        }
    }
}
