namespace AdminPortal.Features.Orders;

/// <summary>
/// Whose turn it is to move an order, across every instance on the database: a row exists while a
/// move is in progress and is deleted when it ends. An instance that dies holding it leaves a row
/// whose <see cref="ExpiresAt"/> passes, and the next move takes it over (ADR 006).
/// </summary>
public sealed class OrderTurn
{
    public int OrderId { get; set; }

    /// <summary>The move holding the turn (one per attempt, so a move releases only its own).</summary>
    public required string Holder { get; set; }

    public DateTime ExpiresAt { get; set; }
}
