using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Data;

/// <summary>Recognises provider errors that the services turn into domain errors.</summary>
public static class DbErrors
{
    /// <summary>What staff and API clients are told while the database cannot be reached.</summary>
    public const string UnavailableMessage =
        "The database is not reachable right now, so nothing was read or changed. Try again in a moment.";

    /// <summary>How long a client should wait before retrying, in seconds (the API's Retry-After).</summary>
    public const int RetryAfterSeconds = 5;

    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqlServerForeignKey = 547;
    private const int SqlServerUniqueIndex = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    // SQLite result codes that mean "the database file cannot be used now", not "this statement is
    // wrong": permission denied, busy, locked, I/O error, disk full, cannot open, not a database.
    private static readonly HashSet<int> SqliteUnavailable = [3, 5, 6, 10, 13, 14, 26];

    // SQL Server and SqlClient numbers for a server that cannot be reached or cannot serve now:
    // time-out, network and instance errors, database not accessible, Azure SQL throttling and
    // fail-over. Anything else (a constraint, a bad statement) stays a defect, answered 500.
    private static readonly HashSet<int> SqlServerUnavailable =
        [-2, -1, 2, 53, 64, 121, 233, 258, 1205, 4060, 4221, 10053, 10054, 10060, 10061, 10928, 10929, 11001, 40143, 40197, 40501, 40613, 49918, 49919, 49920];

    /// <summary>A unique or primary key refused the write: from SaveChanges, or from a statement run directly.</summary>
    public static bool IsUniqueViolation(Exception exception) => (exception is DbUpdateException ? exception.InnerException : exception) switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint } e =>
            e.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        SqlException e => e.Number is SqlServerUniqueIndex or SqlServerUniqueConstraint,
        _ => false,
    };

    public static bool IsForeignKeyViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint } e => e.SqliteExtendedErrorCode == SqliteConstraintForeignKey,
        SqlException e => e.Number == SqlServerForeignKey,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) says the database cannot be reached or
    /// used at the moment, so the request may succeed when retried later: the API answers 503 and
    /// pages say the database is unavailable, instead of reporting a defect.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when SqliteUnavailable.Contains(sqlite.SqliteErrorCode):
                case SqlException sql when sql.Errors.Cast<SqlError>().Any(error => SqlServerUnavailable.Contains(error.Number)):
                // SQL Server's retrying strategy gave up after its transient failures.
                case RetryLimitExceededException:
                    return true;
                case DbException:
                    return false;
            }
        }

        return false;
    }
}
