using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;

namespace AdminPortal.Features.Users;

/// <summary>A customer account of the business (not a staff member).</summary>
public sealed class User : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public UserStatus Status { get; set; } = UserStatus.Active;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<Order> Orders { get; } = [];
}

public enum UserStatus
{
    Active,
    Suspended,
}
