using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Staff;

/// <summary>A staff member who signs in to the portal (not a customer: those are <see cref="Users.User"/>).</summary>
public sealed class StaffUser : IdentityUser
{
    /// <summary>A disabled staff member cannot sign in, and their cookies and tokens stop working.</summary>
    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }
}
