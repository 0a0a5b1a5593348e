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
    public async Task A_token_found_good_is_remembered_with_its_identity()
    {
        await using var portal = new PortalFactory();
        var (handler, parameters) = Checking(portal);
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.IsNull(handler.Remembered("Bearer " + token, parameters));

        var result = await handler.ValidateTokenAsync(token, parameters.Clone());

        Assert.IsTrue(result.IsValid);
        Assert.AreSame(result.ClaimsIdentity, handler.Remembered("Bearer " + token, parameters));
        Assert.AreEqual("admin-portal", result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Iss)?.Value);
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task A_remembered_token_is_forgotten_once_it_ends_and_then_refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory { Time = time };
        var (handler, parameters) = Checking(portal);
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.IsTrue((await handler.ValidateTokenAsync(token, parameters.Clone())).IsValid);
        var remembered = handler.Count;

        time.Advance(TimeSpan.FromMinutes(61));

        Assert.IsNull(handler.Remembered("Bearer " + token, parameters));
        Assert.AreEqual(remembered - 1, handler.Count);
        var ended = await handler.ValidateTokenAsync(token, parameters.Clone());
        Assert.IsFalse(ended.IsValid);
        Assert.IsInstanceOfType<SecurityTokenInvalidLifetimeException>(ended.Exception);
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task A_remembered_token_does_not_hold_for_another_key()
    {
        await using var portal = new PortalFactory();
        var (handler, parameters) = Checking(portal);
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.IsTrue((await handler.ValidateTokenAsync(token, parameters.Clone())).IsValid);
        var otherKey = parameters.Clone();
        otherKey.IssuerSigningKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));

        Assert.IsNull(handler.Remembered("Bearer " + token, otherKey));
        Assert.IsFalse((await handler.ValidateTokenAsync(token, otherKey)).IsValid);
    }

    [TestMethod]
    public async Task Only_a_bearer_header_with_exactly_the_token_finds_it()
    {
        await using var portal = new PortalFactory();
        var (handler, parameters) = Checking(portal);
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var identity = (await handler.ValidateTokenAsync(token, parameters.Clone())).ClaimsIdentity;

        Assert.AreSame(identity, handler.Remembered("bearer  " + token + " ", parameters));
        Assert.IsNull(handler.Remembered("Basic " + token, parameters));
        Assert.IsNull(handler.Remembered("Bearer " + token[..^1], parameters));
        Assert.IsNull(handler.Remembered(token, parameters));
        Assert.IsNull(handler.Remembered(null, parameters));
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
        Assert.IsNotNull(handler.Remembered("Bearer " + tokens[0], parameters));
        Assert.IsNull(handler.Remembered("Bearer " + tokens[^1], parameters));
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
