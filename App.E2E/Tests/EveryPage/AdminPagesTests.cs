namespace AdminPortal.E2E.Tests.EveryPage;

/// <summary>The Admin's pages: staff and the audit trail.</summary>
[TestClass]
public sealed class AdminPagesTests : EveryPageTest
{
    [TestMethod]
    public async Task The_staff_and_audit_pages_pass_axe_and_fit_a_phone()
    {
        await SignInAsync(Portal.Admin);

        var staff = new StaffPage(Page);
        await staff.GotoAsync();
        await Expect(staff.Row(Portal.Admin.Email)).ToBeVisibleAsync();
        await CheckAsync("staff");

        var audit = new AuditPage(Page);
        await audit.GotoAsync();
        await Expect(audit.Entries.Rows.First).ToBeVisibleAsync();
        await CheckAsync("audit");

        AssertNoProblems();
    }
}
