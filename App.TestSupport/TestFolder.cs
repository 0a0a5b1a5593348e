using Microsoft.Data.Sqlite;

namespace AdminPortal.TestSupport;

/// <summary>A folder of its own under the system's temporary folder, deleted with what is in it.</summary>
public sealed class TestFolder : IDisposable
{
    private TestFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    /// <param name="area">The folder below the temporary folder that groups a test project's folders.</param>
    public static TestFolder Create(string area = "portal-tests") =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), area, Guid.NewGuid().ToString("N")));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Pooled connections keep a database file open, which blocks deleting it on Windows.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held elsewhere only leaves a temporary folder behind.
        }
    }
}
