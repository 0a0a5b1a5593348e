using AdminPortal.Components.Shared;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Shared;

/// <summary>
/// The check behind every write handler of every page. The buttons are hidden from Viewers, so a
/// page test cannot reach the handler as a Viewer; the check itself is tested here against the
/// real policies.
/// </summary>
[TestClass]
public sealed class WriteAccessTests : ComponentTest
{
    [TestMethod]
    [DataRow(StaffRoles.Admin, true)]
    [DataRow(StaffRoles.Agent, true)]
    [DataRow(StaffRoles.Viewer, false)]
    public async Task Only_admins_and_agents_may_write(string role, bool allowed)
    {
        SignInAs(role, "staff@example.com");
        var state = Services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();

        Assert.AreEqual(allowed, await WriteAccess.Users.IsAllowedAsync(Services.GetRequiredService<IAuthorizationService>(), state));
        Assert.AreEqual("staff@example.com", await WriteAccess.StaffEmailAsync(state));
    }

    [TestMethod]
    [DataRow(StaffRoles.Admin, true)]
    [DataRow(StaffRoles.Agent, false)]
    [DataRow(StaffRoles.Viewer, false)]
    public async Task Only_admins_may_change_staff_accounts(string role, bool allowed)
    {
        SignInAs(role);
        var state = Services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();

        Assert.AreEqual(allowed, await WriteAccess.Staff.IsAllowedAsync(Services.GetRequiredService<IAuthorizationService>(), state));
    }

    [TestMethod]
    public async Task Orders_and_users_take_the_same_write_rule()
    {
        SignInAs(StaffRoles.Viewer);
        var state = Services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        var authorization = Services.GetRequiredService<IAuthorizationService>();

        Assert.AreEqual(WriteAccess.Users.Policy, WriteAccess.Orders.Policy);
        Assert.IsFalse(await WriteAccess.Orders.IsAllowedAsync(authorization, state));
    }

    [TestMethod]
    public async Task Without_an_authentication_state_nothing_may_be_written()
    {
        SignInAs(StaffRoles.Admin);

        Assert.IsFalse(await WriteAccess.Users.IsAllowedAsync(Services.GetRequiredService<IAuthorizationService>(), null));
        Assert.IsNull(await WriteAccess.StaffEmailAsync(null));
    }
}
