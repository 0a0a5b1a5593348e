using System.Linq.Expressions;
using AdminPortal.Data;
using AdminPortal.Features.Audit;
using AdminPortal.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Users;

/// <summary>Every rule and write about users; pages and endpoints only adapt to it.</summary>
public sealed class UsersService(IDbContextFactory<AppDbContext> contexts, TimeProvider time, IChangeNotifier changes)
{
    public const string HasOrders = "This user has orders and cannot be deleted; suspend the user instead.";

    // The list's and the suggestions' rows, read as the DTO's columns alone.
    private static readonly Expression<Func<User, UserDto>> AsDto =
        u => new UserDto(u.Id, u.Name, u.Email, u.Status, u.CreatedAt, u.UpdatedAt, u.Version);

    /// <summary>A page of users, filtered, sorted and counted in the database.</summary>
    /// <exception cref="ValidationFailedException">Paging or sort is out of range (keys page, pageSize, sort).</exception>
    public async Task<Page<UserDto>> ListAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var (page, pageSize) = ListRules.ValidatePaging(query.Page, query.PageSize, errors);
        var sort = ListRules.ValidateSort(query.Sort, UserQuery.SortFields, UserQuery.DefaultSort, errors);
        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            users = users.WithPrefix(query.Search);
        }

        if (query.Status is { } status)
        {
            users = users.Where(u => u.Status == status);
        }

        var total = await users.CountAsync(cancellationToken);
        var sorted = (sort.Field, sort.Descending) switch
        {
            ("email", false) => users.OrderBy(u => u.Email),
            ("email", true) => users.OrderByDescending(u => u.Email),
            ("createdAt", false) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            ("createdAt", true) => users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
            (_, false) => users.OrderBy(u => u.Name).ThenBy(u => u.Id),
            (_, true) => users.OrderByDescending(u => u.Name).ThenByDescending(u => u.Id),
        };
        var items = await sorted.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(AsDto)
            .ToListAsync(cancellationToken);
        return new Page<UserDto>(items, page, pageSize, total);
    }

    /// <summary>
    /// At most <see cref="UserSearch.SuggestionLimit"/> users whose name or email starts with
    /// <paramref name="prefix"/>, by name: what a customer field offers as staff type. A blank
    /// prefix suggests nobody.
    /// </summary>
    /// <exception cref="ValidationFailedException">The prefix is too long (key customer).</exception>
    public async Task<IReadOnlyList<UserDto>> SuggestAsync(string? prefix, CancellationToken cancellationToken = default)
    {
        new ValidationErrors().Add("customer", UserSearch.ValidatePrefix(prefix)).ThrowIfAny();
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .WithPrefix(prefix)
            .OrderBy(u => u.Name).ThenBy(u => u.Id)
            .Take(UserSearch.SuggestionLimit)
            .Select(AsDto)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Changes name, email and status. <paramref name="expectedVersion"/> is the version the editor
    /// saw; when someone else saved first, nothing is written and a conflict is raised.
    /// </summary>
    public async Task<UserDto> UpdateAsync(int id, UserChange change, int? expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        new ValidationErrors()
            .Add("name", UserRules.ValidateName(change.Name))
            .Add("email", UserRules.ValidateEmail(change.Email))
            .Add("status", change.Status is null ? "Status is required." : null)
            .ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotFoundException("User", id);
        if (expectedVersion is { } expected && expected != user.Version)
        {
            throw new ConcurrencyConflictException("User", id);
        }

        var email = UserRules.NormalizeEmail(change.Email!);
        if (email != user.Email && await db.Users.AnyAsync(u => u.Email == email && u.Id != id, cancellationToken))
        {
            throw new ConflictException(UserRules.EmailTaken, "email");
        }

        user.Name = UserRules.NormalizeName(change.Name!);
        user.Email = email;
        user.Status = change.Status!.Value;
        if (db.ChangeTracker.HasChanges())
        {
            var now = time.GetUtcNow().UtcDateTime;
            var audited = AuditChanges.Of(db.Entry(user), nameof(User.Name), nameof(User.Email), nameof(User.Status));
            // A change of status is the suspension or the activation; other fields changed with it are in the same entry.
            var action = !audited.Has(nameof(User.Status)) ? AuditActions.UserUpdated
                : user.Status == UserStatus.Suspended ? AuditActions.UserSuspended : AuditActions.UserActivated;
            AuditTrail.Add(db, now, actor, action, AuditEntities.User, Id(id), audited);
            user.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException("User", id);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                throw new ConflictException(UserRules.EmailTaken, "email");
            }

            changes.Publish(new ChangeEvent(ChangedEntity.User, id));
        }

        return UserDto.From(user);
    }

    /// <summary>Deletes a user without orders; a user with orders is refused (suspend instead).</summary>
    public async Task DeleteAsync(int id, int? expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotFoundException("User", id);
        if (expectedVersion is { } expected && expected != user.Version)
        {
            throw new ConcurrencyConflictException("User", id);
        }

        if (await db.Orders.AnyAsync(o => o.UserId == id, cancellationToken))
        {
            throw new ConflictException(HasOrders);
        }

        db.Users.Remove(user);
        AuditTrail.Add(db, time.GetUtcNow().UtcDateTime, actor, AuditActions.UserDeleted, AuditEntities.User, Id(id),
            AuditChanges.Of(db.Entry(user), nameof(User.Name), nameof(User.Email), nameof(User.Status)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("User", id);
        }
        catch (DbUpdateException)
        {
            // An order arrived between the check and the delete; the foreign key refused it.
            throw new ConflictException(HasOrders);
        }

        changes.Publish(new ChangeEvent(ChangedEntity.User, id));
    }

    /// <summary>Whether the user may be deleted (has no orders), for offering the action.</summary>
    public async Task<bool> CanDeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Orders.AnyAsync(o => o.UserId == id, cancellationToken);
    }

    public async Task<UserDto> CreateAsync(string? name, string? email, string actor, CancellationToken cancellationToken = default)
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

        try
        {
            // The user and the entry that names its new id commit together.
            await db.InTransactionAsync(async ct =>
            {
                db.Users.Add(user);
                var audited = AuditChanges.Of(db.Entry(user), nameof(User.Name), nameof(User.Email), nameof(User.Status));
                await db.SaveChangesAsync(ct);
                AuditTrail.Add(db, now, actor, AuditActions.UserCreated, AuditEntities.User, Id(user.Id), audited);
                await db.SaveChangesAsync(ct);
                return user.Id;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another writer took the email between the check and the insert.
            throw new ConflictException(UserRules.EmailTaken, "email");
        }

        changes.Publish(new ChangeEvent(ChangedEntity.User, user.Id));
        return UserDto.From(user);
    }

    public async Task<UserDto> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
                   ?? throw new NotFoundException("User", id);
        return UserDto.From(user);
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
