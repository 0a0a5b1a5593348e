using Microsoft.Data.Sqlite;

namespace AdminPortal.TestSupport;

public static class SqliteFiles
{
    /// <summary>
    /// Writes a consistent copy of the SQLite database at <paramref name="from"/> into
    /// <paramref name="to"/> (a new file, or a live database whose content it replaces), by SQLite's
    /// online backup: milliseconds for a test database, and safe while the source is in use.
    /// </summary>
    public static void Backup(string from, string to, bool readOnlySource = false)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = from,
            Mode = readOnlySource ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = to, Pooling = false }.ToString());
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }
}
