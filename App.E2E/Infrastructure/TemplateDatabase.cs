using AdminPortal.TestSupport;
using Microsoft.Data.Sqlite;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// The seeded template held in memory for the run, restored into a portal's live database before
/// each test. Of the restore's 16 ms on this machine (a hundred pages), reading the template from
/// its file was 3 ms and the commit's flush to disk 5 ms: a browser test's database is thrown away
/// after the test and never needs to survive a crash, so the restore's own connection does not
/// wait for the disk (the app's connections keep their settings).
/// </summary>
public sealed class TemplateDatabase : IDisposable
{
    private readonly SqliteConnection _memory;
    private readonly Lock _gate = new();

    public TemplateDatabase(string file)
    {
        _memory = new SqliteConnection("Data Source=:memory:");
        _memory.Open();
        using var source = SqliteFiles.Open(file, SqliteOpenMode.ReadOnly);
        source.BackupDatabase(_memory);
    }

    /// <summary>
    /// Replaces the content of the live database at <paramref name="path"/> with the template's. A
    /// write the app was still finishing (a page of the last test) holds the database for a
    /// moment: the restore waits for it, as SQLite's busy timeout would, for at most five seconds.
    /// </summary>
    public void RestoreInto(string path)
    {
        using var target = SqliteFiles.Open(path, SqliteOpenMode.ReadWrite);
        using (var command = target.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous=OFF;";
            command.ExecuteNonQuery();
        }

        // One connection, one backup at a time: the workers' restores take turns reading it.
        SqliteFiles.WaitingForWriter(() =>
        {
            lock (_gate)
            {
                _memory.BackupDatabase(target);
            }
        });
    }

    public void Dispose() => _memory.Dispose();
}
