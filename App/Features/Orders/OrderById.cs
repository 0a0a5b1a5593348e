using System.Data;
using System.Runtime.CompilerServices;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AdminPortal.Features.Orders;

/// <summary>
/// The API's hottest read, one order by id, in one statement with nothing tracked (ADR 011).
/// On SQLite it is a plain statement on a connection from Microsoft.Data.Sqlite's own pool, with
/// no <see cref="DbContext"/>: EF Core's part of this read (leasing and resetting a context,
/// registering its SQL functions on every open and removing them on every close, building the
/// query's context and shaper) cost more server CPU than the statement itself. Other providers
/// run EF Core's compiled query. Both give the same <see cref="OrderDto"/> for the same row; the
/// tests read every kind of stored value both ways.
/// </summary>
internal sealed class OrderById(IDbContextFactory<AppDbContext> contexts, bool plainStatementOnSqlite = true)
{
    // The columns as the SQLite model stores them (Data/ProviderContexts.cs): the amount in minor
    // units, the currency by name, the status in lower case, dates as UTC text.
    internal const string SqliteStatement =
        """SELECT "Id", "UserId", "Amount", "Currency", "Status", "PaymentTransactionId", "CreatedAt", "UpdatedAt", "Version" FROM "Orders" WHERE "Id" = $id""";

    // The model's own converters read the status and the dates back, so their rules stay in one place.
    private static readonly Func<string, OrderStatus> StatusFromText = new LowerCaseEnumConverter<OrderStatus>().ConvertFromProviderTyped;
    private static readonly Func<DateTime, DateTime> AsUtc = new UtcDateTimeConverter().ConvertFromProviderTyped;

    // A compiled query belongs to one model; a process has one per provider, and the tests' hosts one each.
    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, int, CancellationToken, Task<OrderDto?>>> Compiled = new();

    // Decided by the first read: the provider and connection string a host runs on do not change.
    private Source? _source;

    public async Task<OrderDto?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        var source = Volatile.Read(ref _source) ?? await ChooseAsync(cancellationToken);
        if (source.SqliteConnectionString is { } sqlite)
        {
            return ReadSqlite(sqlite, id);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Compiled.GetValue(db.Model, static _ => Compile())(db, id, cancellationToken);
    }

    private async Task<Source> ChooseAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The tests turn the plain statement off to read through the other providers' path on SQLite.
        var source = new Source(plainStatementOnSqlite && db.Database.IsSqlite() ? db.Database.GetConnectionString() : null);
        Volatile.Write(ref _source, source);
        return source;
    }

    // Microsoft.Data.Sqlite's async methods run synchronously (SQLite has no asynchronous I/O),
    // so the synchronous calls do the same work without their tasks.
    private static OrderDto? ReadSqlite(string connectionString, int id)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SqliteStatement;
        command.Parameters.Add(new SqliteParameter("$id", SqliteType.Integer) { Value = id });
        using var row = command.ExecuteReader(CommandBehavior.SingleRow);
        if (!row.Read())
        {
            return null;
        }

        return new OrderDto(
            Id: row.GetInt32(0),
            UserId: row.GetInt32(1),
            Amount: Money.FromMinorUnits(row.GetInt64(2)),
            Currency: Enum.Parse<Currency>(row.GetString(3)),
            Status: StatusFromText(row.GetString(4)),
            PaymentTransactionId: row.IsDBNull(5) ? null : row.GetString(5),
            CreatedAt: AsUtc(row.GetDateTime(6)),
            UpdatedAt: AsUtc(row.GetDateTime(7)),
            Version: row.GetInt32(8));
    }

    // No expression tree to build, compare and look up per call: the DTO projected from the row.
    private static Func<AppDbContext, int, CancellationToken, Task<OrderDto?>> Compile() =>
        EF.CompileAsyncQuery((AppDbContext db, int id, CancellationToken _) =>
            db.Orders.AsNoTracking()
                .Where(o => o.Id == id)
                .Select(o => new OrderDto(o.Id, o.UserId, o.Amount, o.Currency, o.Status, o.PaymentTransactionId, o.CreatedAt, o.UpdatedAt, o.Version))
                .FirstOrDefault());

    private sealed record Source(string? SqliteConnectionString);
}
