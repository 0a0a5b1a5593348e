namespace AdminPortal.TestSupport;

/// <summary>The staff accounts tests sign in with: the first Admin of an in-process portal, and new members.</summary>
public static class StaffAccounts
{
    public const string AdminEmail = "admin@example.com";

    /// <summary>Meets Identity's default rules (length, digit, upper, lower, symbol), like <see cref="Password"/>.</summary>
    public const string AdminPassword = "Admin-Pass-1!";

    /// <summary>The password of every staff member a test creates.</summary>
    public const string Password = "Staff-Pass-1!";

    /// <summary>A new member's email, named after the role and unique across parallel tests and repeated runs.</summary>
    public static string NewEmail(string role) => $"{role.ToLowerInvariant()}-{Unique()}@example.com";

    /// <summary>Short and unique across parallel tests and repeated runs against one deployed portal.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..10];
}
