namespace Outlook.Benchmarks;

internal static class BenchmarkRunnerPaths
{
    /// <summary>Returns the first directory above the program that contains Outlook.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Outlook.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Outlook.sln was not found above the program's directory; run the benchmarks from the repository with dotnet run --project Outlook.Benchmarks.");
    }
}
