using System.Security.Cryptography;
using AdminPortal.Data;
using AdminPortal.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Staff;

/// <summary>The <c>Seed:AdminEmail</c> and <c>Seed:AdminPassword</c> settings (docs/contract.md §5).</summary>
public sealed class FirstAdminOptions
{
    public string AdminEmail { get; set; } = "admin@example.com";

    /// <summary>Empty: a strong password is generated and printed once to the console.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>Creates the three roles, and the first Admin when no staff exist.</summary>
public sealed class StaffSeeder(
    IServiceScopeFactory scopes,
    IOptions<FirstAdminOptions> options,
    TextWriter console)
{
    public async Task EnsureRolesAndFirstAdminAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Staff.AnyAsync(cancellationToken))
        {
            return;
        }

        var email = options.Value.AdminEmail.Trim().ToLowerInvariant();
        var configured = options.Value.AdminPassword;
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var service = scope.ServiceProvider.GetRequiredService<StaffService>();
        // Nobody is signed in yet: the portal itself creates its first Admin.
        await service.CreateAsync(new NewStaff(email, password, StaffRoles.Admin), AuditActors.System, cancellationToken);

        if (string.IsNullOrEmpty(configured))
        {
            // Printed once, to the console only (not the log): it is stored only as a hash.
            await console.WriteLineAsync($"""

                ==========================================================================
                  First Admin account created
                    Email:    {email}
                    Password: {password}
                  This password is shown only now. Sign in and change it at /account/password
                  (or set Seed:AdminPassword before the first start of a new database).
                ==========================================================================

                """);
        }
    }

    /// <summary>A 20-character password from a cryptographic source that meets Identity's default rules.</summary>
    internal static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string symbols = "!#$%*+-=?@^_";
        const string all = upper + lower + digits + symbols;

        var chars = new char[20];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
