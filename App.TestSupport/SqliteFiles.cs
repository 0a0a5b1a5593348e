using Microsoft.Data.Sqlite;

namespace AdminPortal.TestSupport;

/// <summary>Copies of SQLite databases by SQLite's online backup: milliseconds for a test database, and safe while the source is in use.</summary>
public static class SqliteFiles
{
    // SQLITE_BUSY and its extended codes (BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT).
    private const int Busy = 5;

    /// <summary>
    /// Writes a consistent copy of the database at <paramref name="from"/> into a new file at
    /// <paramref name="to"/>, in rollback-journal mode: a template that tests only ever read, many
    /// at once. (A copy in WAL mode makes its first reader rebuild the WAL index, and a second
    /// reader opening it at that moment is refused with SQLITE_BUSY_RECOVERY.)
    /// </summary>
    public static void Snapshot(string from, string to)
    {
        Backup(from, to);
        using var target = Open(to, SqliteOpenMode.ReadWrite);
        using var command = target.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Replaces the content of the live database at <paramref name="to"/> with the template at
    /// <paramref name="from"/>. A write the app was still finishing (a page of the last test)
    /// holds the database for a moment: the copy waits for it, as SQLite's busy timeout would, for
    /// at most five seconds.
    /// </summary>
    public static void Restore(string from, string to) =>
        WaitingForWriter(() => Backup(from, to, SqliteOpenMode.ReadOnly));

    /// <summary>
    /// Runs <paramref name="copy"/> into a live database; while a write the app is still finishing
    /// holds it (SQLITE_BUSY), waits and runs it again, as SQLite's busy timeout would, for at most
    /// five seconds.
    /// </summary>
    public static void WaitingForWriter(Action copy)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            try
            {
                copy();
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == Busy && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }

    private static void Backup(string from, string to, SqliteOpenMode sourceMode = SqliteOpenMode.ReadWriteCreate)
    {
        using var source = Open(from, sourceMode);
        using var target = Open(to, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(target);
    }

    /// <summary>An open, unpooled connection to the database at <paramref name="path"/>.</summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
