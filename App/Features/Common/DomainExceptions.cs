namespace AdminPortal.Features.Common;

/// <summary>A rule of the domain refused the request; the message is fit to show staff.</summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>Input broke one or more validation rules; <see cref="Errors"/> is keyed by camelCase field name.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The entity asked for does not exist.</summary>
public sealed class NotFoundException(string entity, object id)
    : DomainException($"{entity} {id} was not found.")
{
    public string Entity { get; } = entity;
    public object Id { get; } = id;
}

/// <summary>
/// The request contradicts the current state (a duplicate email, a suspended user, a user with
/// orders). <see cref="Field"/> names the input at fault, when there is one, so a form can show it there.
/// </summary>
public sealed class ConflictException(string message, string? field = null) : DomainException(message)
{
    public string? Field { get; } = field;
}

/// <summary>Someone else changed the record first; nothing was written.</summary>
public sealed class ConcurrencyConflictException(string entity, int id)
    : DomainException($"{entity} {id} was changed by someone else. Reload to see the current version; nothing was saved.")
{
    public string Entity { get; } = entity;
    public int Id { get; } = id;
}
