using System.Text.Json.Nodes;

namespace Outlook.Tests.Worker;

/// <summary>Flattens JSON into path/value pairs so two documents can be compared field by field.</summary>
internal static class JsonLeaves
{
    public static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(node, "$", leaves);
        return leaves;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Walk(child, $"{path}.{name}", leaves);
                }

                break;
            case JsonArray array:
                leaves[path + ".length"] = array.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", leaves);
                }

                break;
            default:
                leaves[path] = node?.ToJsonString() ?? "null";
                break;
        }
    }
}
