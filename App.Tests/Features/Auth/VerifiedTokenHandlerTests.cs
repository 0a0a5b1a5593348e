using System.Security.Cryptography;
using AdminPortal.Features.Auth;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.Tests.Features.Auth;

/// <summary>The bearer handler's remembered token checks (docs/decisions/009-verified-tokens.md), over the app's own parameters.</summary>
[TestClass]
public sealed class VerifiedTokenHandlerTests
{
    [TestMethod]
    public async Task A_token_found_good_is_answered_again_with_the_same_identity()
    {
        await using var portal = new PortalFactory();
        var (handler, parameters) = Checking(portal);
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var first = await handler.ValidateTokenAsync(token, parameters.Clone());
        var second = await handler.ValidateTokenAsync(token, parameters.Clone());

        Assert.IsTrue(first.IsValid);
        Assert.IsTrue(second.IsValid);
        Assert.AreSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.AreEqual("admin-portal", second.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Iss)?.Value);
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task A_remembered_token_is_refused_once_it_ends_and_forgotten()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory { Time = time };
        var (handler, parameters) = Checking(portal);
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var before = handler.Count;
        Assert.IsTrue((await handler.ValidateTokenAsync(token, parameters.Clone())).IsValid);

        time.Advance(TimeSpan.FromMinutes(61));
        var ended = await handler.ValidateTokenAsync(token, parameters.Clone());

        Assert.IsFalse(ended.IsValid);
        Assert.IsInstanceOfType<SecurityTokenInvalidLifetimeException>(ended.Exception);
        Assert.AreEqual(before, handler.Count);
        Assert.IsNull(handler.RememberedToken("Bearer " + token));
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task A_remembered_token_is_checked_again_against_another_key_and_refused()
    {
        await using var portal = new PortalFactory();
        var (handler, parameters) = Checking(portal);
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.IsTrue((await handler.ValidateTokenAsync(token, parameters.Clone())).IsValid);
        var otherKey = parameters.Clone();
        otherKey.IssuerSigningKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));

        var result = await handler.ValidateTokenAsync(token, otherKey);

        Assert.IsFalse(result.IsValid);
    }

    [TestMethod]
    public async Task The_header_gives_the_remembered_copy_of_a_known_token_only()
    {
        await using var portal = new PortalFactory();
        var (handler, parameters) = Checking(portal);
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.IsTrue((await handler.ValidateTokenAsync(token, parameters.Clone())).IsValid);

        Assert.AreSame(token, handler.RememberedToken("Bearer " + new string(token.AsSpan())));
        Assert.AreSame(token, handler.RememberedToken("bearer  " + token + " "));
        Assert.IsNull(handler.RememberedToken("Basic " + token));
        Assert.IsNull(handler.RememberedToken("Bearer " + token[..^1]));
        Assert.IsNull(handler.RememberedToken(null));
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task Past_its_capacity_it_remembers_no_more_tokens_but_still_checks_them()
    {
        await using var portal = new PortalFactory();
        var (handler, parameters) = Checking(portal);
        var key = portal.Services.GetRequiredService<TokenSigningKey>().Key;
        var tokens = Enumerable.Range(0, VerifiedTokenHandler.Capacity + 10).Select(i => Sign(key, $"member-{i}")).ToList();

        var results = new List<TokenValidationResult>();
        foreach (var token in tokens)
        {
            results.Add(await handler.ValidateTokenAsync(token, parameters.Clone()));
        }

        Assert.IsTrue(results.TrueForAll(r => r.IsValid));
        Assert.AreEqual(VerifiedTokenHandler.Capacity, handler.Count);
        Assert.IsNull(handler.RememberedToken("Bearer " + tokens[^1]));
    }

    private static (VerifiedTokenHandler Handler, TokenValidationParameters Parameters) Checking(PortalFactory portal) =>
        (portal.Services.GetRequiredService<VerifiedTokenHandler>(), portal.Services.GetRequiredService<TokenService>().ValidationParameters());

    private static string Sign(SecurityKey key, string subject) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = AuthOptions.Issuer,
        Audience = AuthOptions.Audience,
        Expires = DateTime.UtcNow.AddMinutes(30),
        Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = "Admin" },
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
}
