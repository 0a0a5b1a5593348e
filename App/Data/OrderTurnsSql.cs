using AdminPortal.Features.Orders;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data;

/// <summary>The one statement of the orders' turns that EF cannot say: insert unless present.</summary>
public static class OrderTurnsSql
{
    /// <summary>
    /// Takes the order's turn if nobody holds it: 1 when taken, 0 when a row is there. Plain SQL that
    /// SQLite and SQL Server both run, so a held turn costs a statement, not an exception (a failed
    /// SaveChanges is logged as an error each time). Two takers racing between the check and the
    /// insert still meet the primary key; the caller treats that as held.
    /// </summary>
    public static Task<int> InsertIfAbsentAsync(AppDbContext db, OrderTurn turn, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO OrderTurns (OrderId, Holder, ExpiresAt) SELECT {turn.OrderId}, {turn.Holder}, {turn.ExpiresAt} WHERE NOT EXISTS (SELECT 1 FROM OrderTurns WHERE OrderId = {turn.OrderId})",
            cancellationToken);
}
