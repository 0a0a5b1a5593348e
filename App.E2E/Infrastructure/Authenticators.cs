using System.Collections.Concurrent;
using OtpNet;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// The authenticator app of every staff member the suite signs in with two-factor sign-in: the
/// deployed portal's Admin (its Base32 key in <c>PLAYWRIGHT_ADMIN_TOTP_SECRET</c>) and every member
/// the suite enrolled itself (with <c>Auth:RequireMfa</c> on, the first sign-in of a new member
/// enrols them, as a person would). A code counts once per 30-second step, so each sign-in gets a
/// step no earlier one used.
/// </summary>
public static class Authenticators
{
    public const string AdminSecretVariable = "PLAYWRIGHT_ADMIN_TOTP_SECRET";

    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, long> LastSteps = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock Gate = new();

    public static void Remember(string email, string key) => Keys[email] = key.Replace(" ", "", StringComparison.Ordinal);

    public static bool Knows(string email) => Keys.ContainsKey(email) || AdminSecret(email) is not null;

    /// <summary>Marks the step a code was just used for (the enrolment's), so that no later sign-in reuses it.</summary>
    public static void Used(string email, DateTimeOffset at)
    {
        lock (Gate)
        {
            LastSteps[email] = at.ToUnixTimeSeconds() / 30;
        }
    }

    /// <summary>A code of a step not used before by this suite: the current one, else the next (the portal accepts one step ahead).</summary>
    public static async Task<string> NextCodeAsync(string email)
    {
        var key = Keys.GetValueOrDefault(email) ?? AdminSecret(email)
                  ?? throw new InvalidOperationException($"{email} has two-factor sign-in and the suite does not know its key: set {AdminSecretVariable} to the Admin's authenticator key (Base32).");
        var totp = new Totp(Base32Encoding.ToBytes(key));
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var current = now.ToUnixTimeSeconds() / 30;
            long step;
            lock (Gate)
            {
                step = LastSteps.TryGetValue(email, out var last) ? Math.Max(current, last + 1) : current;
                if (step <= current + 1)
                {
                    LastSteps[email] = step;
                    return totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
                }
            }

            // Both usable steps are used: the portal accepts the next unused one once the step
            // before it is the current one, within 30 seconds. Wait for that moment, not a guess.
            await Task.Delay(DateTimeOffset.FromUnixTimeSeconds((step - 1) * 30) - now);
        }
    }

    private static string? AdminSecret(string email) =>
        Environment.GetEnvironmentVariable(AdminSecretVariable) is { Length: > 0 } secret &&
        string.Equals(email, Environment.GetEnvironmentVariable("PLAYWRIGHT_ADMIN_EMAIL"), StringComparison.OrdinalIgnoreCase)
            ? secret
            : null;
}
