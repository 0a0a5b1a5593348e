using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data;

public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed when it returns, inside the
    /// provider's execution strategy (SQL Server's retrying strategy refuses a transaction of one's
    /// own otherwise, and retries the whole of it after a transient failure, so the work starts from
    /// a cleared change tracker each time).
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken, System.Data.IsolationLevel? isolation = null) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = isolation is { } level
                ? await db.Database.BeginTransactionAsync(level, ct)
                : await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
}
