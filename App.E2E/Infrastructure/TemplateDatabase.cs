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
    // SQLITE_BUSY and its extended codes (BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT).
    private const int Busy = 5;

    private readonly SqliteConnection _memory;
    private readonly Lock _gate = new();

    public TemplateDatabase(string file)
    {
        _memory = new SqliteConnection("Data Source=:memory:");
        _memory.Open();
        using var source = Open(file, SqliteOpenMode.ReadOnly);
        source.BackupDatabase(_memory);
    }

    /// <summary>
    /// Replaces the content of the live database at <paramref name="path"/> with the template's. A
    /// write the app was still finishing (a page of the last test) holds the database for a
    /// moment: the restore waits for it, as SQLite's busy timeout would, for at most five seconds.
    /// </summary>
    public void RestoreInto(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        using var target = Open(path, SqliteOpenMode.ReadWrite);
        using (var command = target.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous=OFF;";
            command.ExecuteNonQuery();
        }

        while (true)
        {
            try
            {
                // One connection, one backup at a time: the workers' restores take turns reading it.
                lock (_gate)
                {
                    _memory.BackupDatabase(target);
                }

                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == Busy && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }

    public void Dispose() => _memory.Dispose();

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
