using AdminPortal.Features.Common;

namespace AdminPortal.Features.Orders;

/// <summary>
/// How many orders have one status and currency, and their amount: the dashboard's figures,
/// maintained by the database itself (triggers on Orders, ADR 004) so no writer can forget them
/// and the dashboard never counts a million rows.
/// </summary>
public sealed class OrderTotal
{
    public OrderStatus Status { get; set; }
    public Currency Currency { get; set; }
    public long Count { get; set; }
    public decimal Amount { get; set; }
}
