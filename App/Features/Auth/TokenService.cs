using System.Security.Claims;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.Features.Auth;

/// <summary>What <c>POST /api/auth/token</c> sends; <see cref="Code"/> is needed once the member has enrolled an authenticator.</summary>
public sealed record TokenRequest(string? Email, string? Password, [property: System.ComponentModel.Description("The authenticator's current code, or an unused recovery code; required once the member has enrolled.")] string? Code = null);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>
/// Issues signed bearer tokens for the API. A token carries the staff member's security stamp and
/// role; <see cref="StaffAccessCache"/> refuses it once the member is disabled or either changes.
/// </summary>
public sealed class TokenService(TokenSigningKey key, IOptions<AuthOptions> options, TimeProvider time)
{
    public const string StampClaim = "stamp";
    public const string RoleClaim = "role";

    public async Task<TokenResponse> IssueAsync(StaffUser staff, UserManager<StaffUser> users)
    {
        var lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
        var now = time.GetUtcNow().UtcDateTime;
        var roles = await users.GetRolesAsync(staff);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, staff.Id),
            new(JwtRegisteredClaimNames.Email, staff.Email!),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(StampClaim, staff.SecurityStamp ?? ""),
        };
        claims.AddRange(roles.Select(role => new Claim(RoleClaim, role)));
        if (await users.GetTwoFactorEnabledAsync(staff))
        {
            claims.Add(new Claim(StaffClaimsFactory.MfaClaim, StaffClaimsFactory.Enrolled));
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds);
    }

    /// <summary>The parameters the bearer handler checks every token with; time comes from <see cref="TimeProvider"/>.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = AuthOptions.Issuer,
        ValidAudience = AuthOptions.Audience,
        IssuerSigningKey = key.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.Zero,
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return expires is { } end && now < end && (notBefore is not { } start || now >= start);
        },
        NameClaimType = JwtRegisteredClaimNames.Email,
        RoleClaimType = RoleClaim,
    };
}
