namespace AdminPortal.Features.Auth;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Wrong email or password: the message never says which.</summary>
    Failed,

    /// <summary>Too many failures: locked for the lock-out window, whether or not the email exists.</summary>
    LockedOut,

    /// <summary>The password was right and the member has enrolled an authenticator: a code is needed next.</summary>
    CodeRequired,

    /// <summary>The second step came without a first (or after it ran out): sign in again.</summary>
    SignInAgain,
}

public static class SignInMessages
{
    public const string Failed = "The email or password is not correct.";
    public const string LockedOut = "Too many failed sign-ins: this account is locked for 5 minutes. Try again later.";
    public const string EmailRequired = "Email is required.";
    public const string PasswordRequired = "Password is required.";
    public const string CodeRequired = "An authentication code is required: the code your authenticator app shows, or an unused recovery code.";
    public const string CodeWrong = "The email, password or authentication code is not correct, or the code was used already.";
    public const string SignInAgain = "Your sign-in ran out before the code was given. Sign in again.";
}
