using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.Features.Auth;

/// <summary>
/// The bearer scheme's token handler, which remembers every token it found good. Checking a
/// token's signature and building its claims and identity was a third of what an API read
/// allocated, and its outcome depends only on the token's text and the validation parameters,
/// save for the lifetime: so the bearer handler's message hook takes a remembered token's identity
/// (<see cref="Remembered"/>) for as long as the same parameters' lifetime rule accepts it. Whether
/// its staff member may still use it is checked on every request all the same
/// (<see cref="StaffAccessCache"/>). docs/decisions/009-verified-tokens.md.
/// </summary>
public sealed class VerifiedTokenHandler : JsonWebTokenHandler
{
    /// <summary>Tokens remembered at most; past that, ended ones make room, or the new one is checked each time.</summary>
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Verified>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public VerifiedTokenHandler()
    {
        // As the bearer options' own handler is told (JwtBearerOptions.MapInboundClaims = false).
        MapInboundClaims = false;
        _bySpan = _verified.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The tokens remembered now; for the tests.</summary>
    internal int Count => _verified.Count;

    /// <summary>
    /// The identity of a token sent as <c>Authorization: Bearer …</c> that was found good here and
    /// still holds for these parameters; null otherwise (the bearer handler then checks it in full,
    /// and refuses an ended one as it always did). Reads the header without copying the token out.
    /// </summary>
    public ClaimsIdentity? Remembered(string? authorization, TokenValidationParameters parameters)
    {
        const string prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ||
            !_bySpan.TryGetValue(authorization.AsSpan(prefix.Length).Trim(), out var token, out var verified))
        {
            return null;
        }

        if (verified.HoldsFor(parameters))
        {
            return verified.Identity;
        }

        _verified.TryRemove(KeyValuePair.Create(token, verified));
        return null;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken checkedToken && validationParameters.LifetimeValidator is not null)
        {
            Remember(token, new Verified(result.ClaimsIdentity, checkedToken, validationParameters));
        }

        return result;
    }

    private void Remember(string token, Verified verified)
    {
        if (_verified.Count >= Capacity)
        {
            foreach (var (key, entry) in _verified)
            {
                if (!entry.HoldsFor(verified.Parameters))
                {
                    _verified.TryRemove(KeyValuePair.Create(key, entry));
                }
            }

            if (_verified.Count >= Capacity)
            {
                return;
            }
        }

        _verified[token] = verified;
    }

    /// <summary>A token found good, with what it was checked against.</summary>
    private sealed class Verified(ClaimsIdentity identity, JsonWebToken token, TokenValidationParameters parameters)
    {
        private readonly SecurityKey _key = parameters.IssuerSigningKey;
        private readonly string _issuer = parameters.ValidIssuer;
        private readonly string _audience = parameters.ValidAudience;
        private readonly DateTime? _notBefore = token.ValidFrom == DateTime.MinValue ? null : token.ValidFrom;
        private readonly DateTime? _expires = token.ValidTo == DateTime.MinValue ? null : token.ValidTo;

        /// <summary>Shared by every request with the token, read only.</summary>
        public ClaimsIdentity Identity => identity;

        public TokenValidationParameters Parameters => parameters;

        /// <summary>
        /// The same key, issuer and audience, and the parameters' own lifetime rule accepts the
        /// token now (so an ended token goes to the full check, which refuses it as before).
        /// </summary>
        public bool HoldsFor(TokenValidationParameters current) =>
            ReferenceEquals(current.IssuerSigningKey, _key) &&
            string.Equals(current.ValidIssuer, _issuer, StringComparison.Ordinal) &&
            string.Equals(current.ValidAudience, _audience, StringComparison.Ordinal) &&
            current.LifetimeValidator is { } lifetime &&
            lifetime(_notBefore, _expires, token, current);
    }
}
