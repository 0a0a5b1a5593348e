using System.Security.Cryptography;
using AdminPortal.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.Features.Auth;

/// <summary>
/// The key that signs API tokens: <c>Auth:TokenSigningKey</c> when it is set; otherwise the one
/// kept in the database, made by the first instance to start and protected with Data Protection
/// (whose key ring is in the database too), so every instance signs and checks alike and a token
/// outlives a restart (ADR 006). Loaded once at start-up, after the migrations.
/// </summary>
public sealed class TokenSigningKey(
    IOptions<AuthOptions> options,
    IDbContextFactory<AppDbContext> contexts,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    ILogger<TokenSigningKey> logger)
{
    private const string Purpose = "api-tokens";

    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("The token signing key is read at start-up (LoadAsync) before any token is issued or checked.");

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.TokenSigningKey;
        _key = new SymmetricSecurityKey(string.IsNullOrWhiteSpace(configured)
            ? await StoredAsync(cancellationToken)
            : Convert.FromBase64String(configured));
    }

    private async Task<byte[]> StoredAsync(CancellationToken cancellationToken)
    {
        var protector = dataProtection.CreateProtector("AdminPortal.Auth.TokenSigningKey");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.SigningKeys.FirstOrDefaultAsync(k => k.Purpose == Purpose, cancellationToken);
        if (stored is not null)
        {
            try
            {
                return Convert.FromBase64String(protector.Unprotect(stored.ProtectedKey));
            }
            catch (CryptographicException e)
            {
                // The Data Protection key that protected it is gone (its ring was reset): tokens
                // signed with the old key could not be checked anyway.
                logger.LogWarning(e, "The stored token signing key could not be read; a new one replaces it and earlier API tokens end");
                var renewed = RandomNumberGenerator.GetBytes(32);
                stored.ProtectedKey = protector.Protect(Convert.ToBase64String(renewed));
                stored.CreatedAt = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(cancellationToken);
                return renewed;
            }
        }

        var bytes = RandomNumberGenerator.GetBytes(32);
        db.SigningKeys.Add(new StoredSigningKey
        {
            Purpose = Purpose,
            ProtectedKey = protector.Protect(Convert.ToBase64String(bytes)),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Auth:TokenSigningKey is not set: API tokens are signed with a key made now and kept in the database, shared by every instance");
            return bytes;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another instance starting at the same moment stored its key first: use that one.
            db.ChangeTracker.Clear();
            var theirs = await db.SigningKeys.AsNoTracking().FirstAsync(k => k.Purpose == Purpose, cancellationToken);
            return Convert.FromBase64String(protector.Unprotect(theirs.ProtectedKey));
        }
    }
}
