namespace AdminPortal.Features.Staff;

/// <summary>A staff member as pages and the API see them; never the password or its hash.</summary>
public sealed record StaffDto(string Id, string Email, string Role, bool Disabled, DateTime CreatedAt, bool MfaEnabled = false);

/// <summary>What the Staff page and <c>POST /api/staff</c> send to create an account.</summary>
public sealed record NewStaff(string? Email, string? Password, string? Role);

/// <summary>What the Staff page and <c>PUT /api/staff/{id}</c> send to change an account.</summary>
public sealed record StaffChange(string? Role, bool? Disabled);
