namespace AdminPortal.Features.Auth;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Wrong email or password: the message never says which.</summary>
    Failed,

    /// <summary>Too many failures: locked for the lock-out window, whether or not the email exists.</summary>
    LockedOut,
}

public static class SignInMessages
{
    public const string Failed = "The email or password is not correct.";
    public const string LockedOut = "Too many failed sign-ins: this account is locked for 5 minutes. Try again later.";
    public const string EmailRequired = "Email is required.";
    public const string PasswordRequired = "Password is required.";
}
