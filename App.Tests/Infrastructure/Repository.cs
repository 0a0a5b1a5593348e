namespace AdminPortal.Tests.Infrastructure;

/// <summary>The repository the tests were built from, for the files they check (tools' configuration, the README).</summary>
public static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "App.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No App.sln above {start}: the tests run from the repository's build output.");
    }
}
