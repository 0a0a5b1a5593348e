using AdminPortal.Data;
using AdminPortal.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Users;

/// <summary>Every rule and write about users; pages and endpoints only adapt to it.</summary>
public sealed class UsersService(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    public async Task<UserDto> CreateAsync(string? name, string? email, CancellationToken cancellationToken = default)
    {
        new ValidationErrors()
            .Add("name", UserRules.ValidateName(name))
            .Add("email", UserRules.ValidateEmail(email))
            .ThrowIfAny();

        var now = time.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Name = UserRules.NormalizeName(name!),
            Email = UserRules.NormalizeEmail(email!),
            CreatedAt = now,
            UpdatedAt = now,
        };

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Email == user.Email, cancellationToken))
        {
            throw new ConflictException(UserRules.EmailTaken, "email");
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another writer took the email between the check and the insert.
            throw new ConflictException(UserRules.EmailTaken, "email");
        }

        return UserDto.From(user);
    }

    public async Task<UserDto> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
                   ?? throw new NotFoundException("User", id);
        return UserDto.From(user);
    }
}
