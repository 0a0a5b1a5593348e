using System.Collections.Concurrent;
using OtpNet;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// The authenticator app of every staff member the suite signs in with two-factor sign-in: the
/// deployed portal's Admin (its Base32 key in <c>PLAYWRIGHT_ADMIN_TOTP_SECRET</c>) and every member
/// the suite enrolled itself (with <c>Auth:RequireMfa</c> on, the first sign-in of a new member
/// enrols them, as a person would). A code counts once per 30-second step of one account, and an
/// account is an email in one portal's database (<see cref="PortalHost.Database"/>): the same
/// email on another database is another account, with its own key and its own used steps. So each
/// sign-in gets a step no earlier sign-in of that account used, and never waits for one another
/// account used.
/// </summary>
public static class Authenticators
{
    public const string AdminSecretVariable = "PLAYWRIGHT_ADMIN_TOTP_SECRET";

    private static readonly ConcurrentDictionary<(string Database, string Email), string> Keys = new();
    private static readonly Dictionary<(string Database, string Email), long> LastSteps = [];
    private static readonly Lock Gate = new();

    public static void Remember(PortalHost portal, string email, string key) =>
        Keys[Account(portal, email)] = key.Replace(" ", "", StringComparison.Ordinal);

    public static bool Knows(PortalHost portal, string email) => Keys.ContainsKey(Account(portal, email)) || AdminSecret(portal, email) is not null;

    /// <summary>Marks the step a code was just used for (the enrolment's), so that no later sign-in of the account reuses it.</summary>
    public static void Used(PortalHost portal, string email, DateTimeOffset at)
    {
        lock (Gate)
        {
            LastSteps[Account(portal, email)] = at.ToUnixTimeSeconds() / 30;
        }
    }

    /// <summary>A code of a step the account has not used before in this run: the current one, else the next (the portal accepts one step ahead).</summary>
    public static async Task<string> NextCodeAsync(PortalHost portal, string email)
    {
        var account = Account(portal, email);
        var key = Keys.GetValueOrDefault(account) ?? AdminSecret(portal, email)
                  ?? throw new InvalidOperationException($"{email} has two-factor sign-in on {portal.BaseUrl} and the suite does not know its key: set {AdminSecretVariable} to the Admin's authenticator key (Base32).");
        var totp = new Totp(Base32Encoding.ToBytes(key));
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var current = now.ToUnixTimeSeconds() / 30;
            long step;
            lock (Gate)
            {
                step = LastSteps.TryGetValue(account, out var last) ? Math.Max(current, last + 1) : current;
                if (step <= current + 1)
                {
                    LastSteps[account] = step;
                    return totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
                }
            }

            // Both usable steps are used: the portal accepts the next unused one once the step
            // before it is the current one, within 30 seconds. Wait for that moment, not a guess.
            await Task.Delay(DateTimeOffset.FromUnixTimeSeconds((step - 1) * 30) - now);
        }
    }

    /// <summary>Emails compare as the portal compares them, whatever their case.</summary>
    private static (string Database, string Email) Account(PortalHost portal, string email) =>
        (portal.Database, email.ToUpperInvariant());

    /// <summary>The deployed portal's Admin's key; an in-process portal's Admin enrols like any member.</summary>
    private static string? AdminSecret(PortalHost portal, string email) =>
        !portal.IsInProcess &&
        Environment.GetEnvironmentVariable(AdminSecretVariable) is { Length: > 0 } secret &&
        string.Equals(email, Environment.GetEnvironmentVariable("PLAYWRIGHT_ADMIN_EMAIL"), StringComparison.OrdinalIgnoreCase)
            ? secret
            : null;
}
