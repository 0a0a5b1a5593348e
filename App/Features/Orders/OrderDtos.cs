using AdminPortal.Features.Common;

namespace AdminPortal.Features.Orders;

public sealed record OrderDto(
    int Id,
    int UserId,
    decimal Amount,
    Currency Currency,
    OrderStatus Status,
    string? PaymentTransactionId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>Where this order may go next, from the one life-cycle table.</summary>
    public IReadOnlyList<OrderStatus> AllowedTransitions => OrderLifecycle.AllowedFrom(Status);

    public static OrderDto From(Order order) => new(
        order.Id, order.UserId, order.Amount, order.Currency, order.Status, order.PaymentTransactionId,
        order.CreatedAt, order.UpdatedAt, order.Version);
}

/// <summary>An order as its page shows it: the order, its customer, its history and its payment records, oldest first.</summary>
public sealed record OrderDetails(
    OrderDto Order,
    string UserName,
    string UserEmail,
    IReadOnlyList<HistoryEntryDto> History,
    IReadOnlyList<PaymentRecordDto> Payments);

public sealed record HistoryEntryDto(OrderStatus? From, OrderStatus To, DateTime At, string ChangedBy, string? Reason);

/// <summary>A request to move an order; <see cref="ExpectedVersion"/> is the version the caller saw, if it knows one.</summary>
public sealed record StatusChangeRequest(int OrderId, OrderStatus To, string ChangedBy, string? Reason = null, int? ExpectedVersion = null);

/// <summary>
/// A row of the orders grid and an item of the API's list: the order as <see cref="OrderDto"/> has
/// it (a client that lists orders can send If-Match and see what is paid without fetching each one),
/// with its customer's name and email.
/// </summary>
public sealed record OrderListItem(
    int Id,
    int UserId,
    string UserName,
    string UserEmail,
    decimal Amount,
    Currency Currency,
    OrderStatus Status,
    string? PaymentTransactionId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>Where this order may go next, from the one life-cycle table.</summary>
    public IReadOnlyList<OrderStatus> AllowedTransitions => OrderLifecycle.AllowedFrom(Status);
}

/// <summary>
/// A filtered, sorted page of orders; null values mean "not filtered" or the default.
/// <see cref="Customer"/> is a prefix of the customer's name or email (<see cref="AdminPortal.Features.Users.UserSearch"/>).
/// </summary>
public sealed record OrderQuery(
    OrderStatus? Status = null,
    int? UserId = null,
    DateTime? From = null,
    DateTime? To = null,
    string? Sort = null,
    int? Page = null,
    int? PageSize = null,
    string? Customer = null)
{
    public static readonly IReadOnlyList<string> SortFields = ["createdAt", "amount", "status"];

    /// <summary>Newest first, unless the query says otherwise.</summary>
    public static readonly SortOrder DefaultSort = new("createdAt", Descending: true);

    public const string FromAfterTo = "From must not be after to.";
}

public sealed record PaymentRecordDto(
    AdminPortal.Features.Payments.PaymentKind Kind,
    decimal Amount,
    Currency Currency,
    AdminPortal.Features.Payments.PaymentStatus Status,
    string? TransactionId,
    string? Error,
    DateTime At,
    string? RequestedBy = null);

/// <summary>The dashboard's figures.</summary>
public sealed record DashboardFigures(
    IReadOnlyDictionary<OrderStatus, int> CountsByStatus,
    IReadOnlyDictionary<Currency, decimal> RevenueByCurrency,
    IReadOnlyList<OrderListItem> Latest,
    IReadOnlyList<OrdersOnDay> OrdersPerDay);
