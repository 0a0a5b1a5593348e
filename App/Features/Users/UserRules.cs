using System.Net.Mail;

namespace AdminPortal.Features.Users;

/// <summary>
/// The rules for a user's name and email, with the messages staff and API clients see.
/// Forms and endpoints both call these; no other copy of them exists.
/// </summary>
public static class UserRules
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;

    public const string NameRequired = "Name is required.";
    public const string NameTooLong = "Name must be at most 100 characters.";
    public const string NameControlCharacters = "Name must not contain control characters.";
    public const string EmailRequired = "Email is required.";
    public const string EmailTooLong = "Email must be at most 254 characters.";
    public const string EmailInvalid = "Email must be a single address such as name@example.com.";
    public const string EmailTaken = "A user with this email already exists.";

    /// <summary>The name as stored: trimmed.</summary>
    public static string NormalizeName(string name) => name.Trim();

    /// <summary>The email as stored: trimmed and lower-cased, so uniqueness ignores case.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The error message for a name, or null when it is valid.</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return NameRequired;
        }

        var trimmed = NormalizeName(name);
        if (trimmed.Any(char.IsControl))
        {
            return NameControlCharacters;
        }

        return trimmed.Length > NameMaxLength ? NameTooLong : null;
    }

    /// <summary>The error message for an email, or null when it is valid.</summary>
    public static string? ValidateEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return EmailRequired;
        }

        var trimmed = email.Trim();
        if (trimmed.Length > EmailMaxLength)
        {
            return EmailTooLong;
        }

        return IsSingleAddress(trimmed) ? null : EmailInvalid;
    }

    private static bool IsSingleAddress(string email)
    {
        // MailAddress also accepts display names ("Ann <ann@example.com>") and quoted local parts;
        // a customer email is the bare address only, so the parse must give back exactly the input.
        if (email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';'))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') ||
            domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) &&
               string.Equals(parsed.Address, email, StringComparison.Ordinal) &&
               parsed.DisplayName.Length == 0;
    }
}
