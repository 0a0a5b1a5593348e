using System.Net;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.SeveralInstances;

/// <summary>
/// The last-Admin rule holds when two instances change the last two Admins at the same moment:
/// one change goes through, the other is refused, and an active Admin always remains.
/// </summary>
[TestClass]
public sealed class LastAdminAcrossInstancesTests
{
    [TestMethod]
    public async Task Two_instances_demoting_the_last_two_admins_at_once_leave_one_admin()
    {
        await using var a = new PortalFactory();
        await using var b = new PortalFactory().With("ConnectionStrings:Default", $"Data Source={a.DatabasePath}");
        var first = await a.StaffIdAsync(PortalFactory.AdminEmail);
        var secondEmail = await a.CreateStaffAsync(StaffRoles.Admin);
        var second = await a.StaffIdAsync(secondEmail);
        var outcomes = new List<string>();

        for (var round = 0; round < 20; round++)
        {
            // Each round starts from two active Admins, each with a fresh token.
            await SetRoleAsync(a, first, StaffRoles.Admin);
            await SetRoleAsync(a, second, StaffRoles.Admin);
            using var firstOnA = await ApiClient.AdminAsync(a);
            using var secondOnB = await ApiClient.StaffAsync(b, secondEmail);

            var demotions = await Task.WhenAll(
                firstOnA.PutAsync($"/api/staff/{second}", new { role = "agent", disabled = false }),
                secondOnB.PutAsync($"/api/staff/{first}", new { role = "agent", disabled = false }));

            var admins = (await a.Services.GetRequiredService<StaffService>().ListAsync()).Count(s => s.Role == StaffRoles.Admin && !s.Disabled);
            outcomes.Add($"{(int)demotions[0].Status}/{(int)demotions[1].Status}: {admins} admin(s)");
            Assert.AreEqual(1, demotions.Count(d => d.Status == HttpStatusCode.OK), $"round {round}: exactly one demotion goes through ({string.Join("; ", outcomes)})");
            Assert.AreEqual(1, admins, $"round {round}: one active Admin remains ({string.Join("; ", outcomes)})");
        }
    }

    private static async Task SetRoleAsync(PortalFactory portal, string id, string role) =>
        await portal.Services.GetRequiredService<StaffService>().UpdateAsync(id, new StaffChange(role, false), "agent@example.com");
}
