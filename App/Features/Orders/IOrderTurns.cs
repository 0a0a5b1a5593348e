namespace AdminPortal.Features.Orders;

/// <summary>
/// An order's turn: one move of an order at a time, taken before the order is read and held until
/// its move is written, so a payment and the move it pays for are never overtaken by another move
/// of the same order. The transition service is the only taker. <see cref="OrderLocks"/> serves one
/// process; a turn that holds across instances is another implementation of this interface.
/// </summary>
public interface IOrderTurns
{
    /// <summary>Waits for the order's turn; disposing the result lets the next move in.</summary>
    Task<IDisposable> EnterAsync(int orderId, CancellationToken cancellationToken);
}
