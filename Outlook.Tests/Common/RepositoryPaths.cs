namespace Outlook.Tests.Common;

/// <summary>Paths inside the repository, found from the test output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository's root: the folder holding Outlook.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
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
