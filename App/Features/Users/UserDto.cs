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
