namespace AdminPortal.Features.Orders;

/// <summary>
/// An order's turn: one move of an order at a time, taken before the order is read and held until
/// its move is written, so a payment and the move it pays for are never overtaken by another move
/// of the same order, on any instance. The transition service is the only taker;
/// <see cref="DatabaseOrderTurns"/> keeps the turn in the database (ADR 006).
/// </summary>
public interface IOrderTurns
{
    /// <summary>Waits for the order's turn; disposing the result ends it and lets the next move in.</summary>
    Task<IAsyncDisposable> EnterAsync(int orderId, CancellationToken cancellationToken);
}
