using AdminPortal.Features.Common;
using AdminPortal.Features.Users;

namespace AdminPortal.Components.Pages.Users;

/// <summary>
/// What staff type into a user form and the message shown at each field. Messages come from
/// <see cref="UserRules"/> for instant feedback and from the service's refusal for the final word
/// (a taken email only the database can know), so the form never holds a rule of its own.
/// </summary>
public sealed class UserFormModel
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? NameError { get; private set; }

    public string? EmailError { get; private set; }

    public static UserFormModel From(UserDto user) => new() { Name = user.Name, Email = user.Email };

    public void ValidateName() => NameError = UserRules.ValidateName(Name);

    public void ValidateEmail() => EmailError = UserRules.ValidateEmail(Email);

    /// <summary>Checks both fields; true when the form may be sent to the service.</summary>
    public bool Validate()
    {
        ValidateName();
        ValidateEmail();
        return NameError is null && EmailError is null;
    }

    /// <summary>
    /// Shows a service refusal at the field it names. Returns what no field of this form can show
    /// (for the page's general alert), or null when everything landed at a field.
    /// </summary>
    public string? ShowAtFields(DomainException error)
    {
        switch (error)
        {
            case ValidationFailedException failed:
                NameError = Messages(failed.Errors, "name");
                EmailError = Messages(failed.Errors, "email");
                var rest = failed.Errors.Where(e => e.Key is not ("name" or "email")).SelectMany(e => e.Value).ToList();
                return rest.Count == 0 ? null : string.Join(" ", rest);
            case ConflictException { Field: "email" } taken:
                EmailError = taken.Message;
                return null;
            case ConflictException { Field: "name" } name:
                NameError = name.Message;
                return null;
            default:
                return error.Message;
        }
    }

    private static string? Messages(IReadOnlyDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
