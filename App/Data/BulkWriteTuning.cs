using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminPortal.Data;

internal static class BulkWriteTuning
{
    /// <summary>
    /// Provider settings for a bulk load on an open connection: for SQLite a large page cache, so
    /// index pages stay in memory, and no fsync per commit (a crash mid-seed just means seeding again).
    /// </summary>
    public static async Task TuneForBulkWritesAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (database.IsSqlite())
        {
            await database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-524288;", cancellationToken);
        }
    }

    /// <summary>
    /// Puts the defaults back: the connection returns to a pool and must not keep serving the app
    /// without fsync.
    /// </summary>
    public static async Task RestoreAfterBulkWritesAsync(this DatabaseFacade database)
    {
        if (database.IsSqlite())
        {
            await database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL; PRAGMA cache_size=-2000;");
        }
    }
}
