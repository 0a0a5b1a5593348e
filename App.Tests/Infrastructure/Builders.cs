using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Users;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>Small builders for test data; each call makes fresh objects, nothing is shared.</summary>
public sealed class UserBuilder
{
    private static int _counter;
    private string _name = "Ann Lee";
    private string? _email;
    private UserStatus _status = UserStatus.Active;

    public UserBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public UserBuilder WithEmail(string email)
    {
        _email = email;
        return this;
    }

    public UserBuilder Suspended()
    {
        _status = UserStatus.Suspended;
        return this;
    }

    public User Build()
    {
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return new User
        {
            Name = _name,
            Email = _email ?? $"user{Interlocked.Increment(ref _counter)}@example.com",
            Status = _status,
            CreatedAt = at,
            UpdatedAt = at,
        };
    }
}

public sealed class OrderBuilder
{
    private User? _user;
    private decimal _amount = 25.00m;
    private Currency _currency = Currency.USD;
    private OrderStatus _status = OrderStatus.Pending;
    private DateTime _createdAt = new(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    public OrderBuilder ForUser(User user)
    {
        _user = user;
        return this;
    }

    public OrderBuilder WithAmount(decimal amount, Currency currency = Currency.USD)
    {
        _amount = amount;
        _currency = currency;
        return this;
    }

    public OrderBuilder InStatus(OrderStatus status)
    {
        _status = status;
        return this;
    }

    /// <summary>When the order was created (and its history happened); 2026-01-02 00:00 UTC unless set.</summary>
    public OrderBuilder CreatedAt(DateTime at)
    {
        _createdAt = at;
        return this;
    }

    public Order Build()
    {
        var at = _createdAt;
        var order = new Order
        {
            User = _user ?? new UserBuilder().Build(),
            Amount = _amount,
            Currency = _currency,
            Status = _status,
            PaymentTransactionId = OrderLifecycle.IsPaid(_status) ? "test_ch_1" : null,
            CreatedAt = at,
            UpdatedAt = at,
        };
        // The history follows the life cycle to the requested status, as a real order's does.
        OrderStatus? from = null;
        foreach (var to in OrderLifecycle.PathTo(_status).Prepend(OrderLifecycle.Initial))
        {
            order.History.Add(new OrderStatusChange { From = from, To = to, At = at, ChangedBy = "builder@example.com" });
            from = to;
        }

        return order;
    }
}
