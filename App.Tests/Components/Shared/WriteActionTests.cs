using AdminPortal.Components.Shared;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Bunit;

namespace AdminPortal.Tests.Components.Shared;

[TestClass]
public sealed class WriteActionTests : ComponentTest
{
    [TestMethod]
    [DataRow(StaffRoles.Admin)]
    [DataRow(StaffRoles.Agent)]
    public void Admins_and_agents_see_write_buttons(string role)
    {
        SignInAs(role);

        var action = Render<WriteAction>(p => p.Add(w => w.ChildContent, "<button>New user</button>"));

        Assert.AreEqual("New user", action.Find("button").TextContent);
    }

    [TestMethod]
    public void A_viewer_sees_no_write_button()
    {
        SignInAs(StaffRoles.Viewer);

        var action = Render<WriteAction>(p => p.Add(w => w.ChildContent, "<button>New user</button>"));

        Assert.IsEmpty(action.FindAll("button"));
    }
}
