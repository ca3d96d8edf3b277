namespace Outlook.Tests.Common;

/// <summary>
/// Locates the shared data folder (Microsoft's Graph payload samples and the event schema),
/// which lies beside the repository as ../shared, or where OUTLOOK_SHARED_DIR points.
/// </summary>
public static class SharedData
{
    public static string Root { get; } = FindRoot();

    public static string GraphSamples => Path.Combine(Root, "data", "graph-samples");

    public static string TotalSchema => Path.Combine(Root, "data", "total-schema");

    public static string GraphSample(string fileName) => Path.Combine(GraphSamples, fileName);

    /// <summary>The repository's root: the folder holding Outlook.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRoot()
    {
        var configured = Environment.GetEnvironmentVariable("OUTLOOK_SHARED_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var candidate = Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared"));
        return Directory.Exists(candidate)
            ? candidate
            : throw new DirectoryNotFoundException(
                $"The shared data folder was not found at {candidate}. Place it beside the repository or set OUTLOOK_SHARED_DIR.");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Outlook.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Outlook.sln above {AppContext.BaseDirectory}.");
    }
}
