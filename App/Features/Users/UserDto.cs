using AdminPortal.Features.Common;

namespace AdminPortal.Features.Users;

public sealed record UserDto(
    int Id,
    string Name,
    string Email,
    UserStatus Status,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    public static UserDto From(User user) =>
        new(user.Id, user.Name, user.Email, user.Status, user.CreatedAt, user.UpdatedAt, user.Version);
}

/// <summary>A filtered, sorted page of users; null values mean "not filtered" or the default.</summary>
public sealed record UserQuery(string? Search = null, UserStatus? Status = null, string? Sort = null, int? Page = null, int? PageSize = null)
{
    public static readonly IReadOnlyList<string> SortFields = ["name", "email", "createdAt"];

    /// <summary>By name, unless the query says otherwise.</summary>
    public static readonly SortOrder DefaultSort = new("name", Descending: false);
}

/// <summary>The editable fields of a user.</summary>
public sealed record UserChange(string? Name, string? Email, UserStatus? Status);
