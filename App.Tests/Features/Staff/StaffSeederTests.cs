using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Features.Staff;

[TestClass]
public sealed class StaffSeederTests
{
    [TestMethod]
    public async Task Without_a_configured_password_a_strong_one_is_generated_printed_once_and_works()
    {
        using var console = new StringWriter();
        await using var portal = new PortalFactory { Console = console }.With("Seed:AdminPassword", "");
        _ = portal.Services;

        var printed = console.ToString();
        var password = System.Text.RegularExpressions.Regex.Match(printed, @"Password: (\S+)").Groups[1].Value;
        StringAssert.Contains(printed, "Email:    admin@example.com");
        StringAssert.Contains(printed, "/account/password", "the notice says how to change it");
        Assert.IsFalse(string.IsNullOrEmpty(password));
        Assert.IsFalse(string.IsNullOrEmpty(await portal.TokenAsync(PortalFactory.AdminEmail, password)));
        Assert.IsFalse(portal.Logs.Entries.Any(e => e.Contains(password, StringComparison.Ordinal)), "the password is not logged");

        // A second start finds staff and prints nothing.
        await portal.Services.GetRequiredService<StaffSeeder>().EnsureRolesAndFirstAdminAsync(CancellationToken.None);
        Assert.AreEqual(printed, console.ToString());
    }

    [TestMethod]
    public async Task A_configured_password_is_used_and_not_printed()
    {
        using var console = new StringWriter();
        await using var portal = new PortalFactory { Console = console };
        _ = portal.Services;

        Assert.AreEqual("", console.ToString());
        Assert.IsFalse(string.IsNullOrEmpty(await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword)));
    }

    [TestMethod]
    public async Task Generated_passwords_meet_identitys_rules_and_differ()
    {
        var validator = new PasswordValidator<StaffUser>();
        var manager = new UserManager<StaffUser>(new NoStore(), Microsoft.Extensions.Options.Options.Create(new IdentityOptions()), null!, null!, null!, null!, null!, null!, null!);

        var passwords = Enumerable.Range(0, 50).Select(_ => StaffSeeder.GeneratePassword()).ToList();

        Assert.HasCount(50, passwords.Distinct());
        foreach (var password in passwords)
        {
            Assert.AreEqual(20, password.Length);
            var result = await validator.ValidateAsync(manager, new StaffUser(), password);
            Assert.IsTrue(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
        }
    }

    private sealed class NoStore : IUserStore<StaffUser>
    {
        public void Dispose()
        {
        }

        public Task<string> GetUserIdAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);
        public Task<string?> GetUserNameAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);
        public Task SetUserNameAsync(StaffUser user, string? userName, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<string?> GetNormalizedUserNameAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.NormalizedUserName);
        public Task SetNormalizedUserNameAsync(StaffUser user, string? normalizedName, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<IdentityResult> CreateAsync(StaffUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> UpdateAsync(StaffUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> DeleteAsync(StaffUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<StaffUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<StaffUser?>(null);
        public Task<StaffUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => Task.FromResult<StaffUser?>(null);
    }
}
