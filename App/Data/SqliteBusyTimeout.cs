using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminPortal.Data;

/// <summary>
/// Lets SQLite itself wait for the writer ahead (its busy handler, <c>sqlite3_busy_timeout</c>) on
/// every connection the contexts open, for as long as the connection's command time-out.
/// SQLite takes one writer at a time; without a handler a second writer gets <c>SQLITE_BUSY</c> at
/// once, and Microsoft.Data.Sqlite retries it only after sleeping 150 ms, so two moves of different
/// orders committing together cost the second one 150 ms or more. SQLite's handler tries again after
/// 1 ms, then 2, 5, 10 and so on up to 100 ms; many payments at once took half the time with it
/// (docs/performance.md, *Busy writers*).
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static SqliteBusyTimeout Instance { get; } = new();

    private SqliteBusyTimeout()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    // A pooled connection keeps the setting; setting it again on each open is one native call.
    private static void Set(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
        }
    }
}
