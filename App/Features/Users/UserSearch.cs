namespace AdminPortal.Features.Users;

/// <summary>
/// Finding users by what staff remember of them: the start of the name or of the email, whatever
/// the case. The users list, the customer suggestions and the orders' <c>customer</c> filter all
/// match this one way.
/// </summary>
public static class UserSearch
{
    /// <summary>The longest prefix worth matching: an email's maximum length.</summary>
    public const int PrefixMaxLength = UserRules.EmailMaxLength;

    /// <summary>How many suggestions a customer field offers at most.</summary>
    public const int SuggestionLimit = 10;

    public const string PrefixTooLong = "Customer must be at most 254 characters.";

    /// <summary>The error message for a customer prefix, or null when it is valid (blank means no filter).</summary>
    public static string? ValidatePrefix(string? prefix) =>
        prefix is not null && prefix.Trim().Length > PrefixMaxLength ? PrefixTooLong : null;

    /// <summary>
    /// Users whose name or email starts with <paramref name="prefix"/>, case-insensitively. Prefix
    /// matches (LIKE 'x%') can walk the name and email indexes; their collation (NOCASE on SQLite,
    /// the server's case-insensitive default on SQL Server) makes them ignore case. Emails are
    /// stored lower-cased, so the prefix is lower-cased for them too.
    /// </summary>
    public static IQueryable<User> WithPrefix(this IQueryable<User> users, string prefix)
    {
        var term = prefix.Trim();
        var emailTerm = term.ToLowerInvariant();
        return users.Where(u => u.Name.StartsWith(term) || u.Email.StartsWith(emailTerm));
    }
}
