namespace AdminPortal.E2E.Tests.EveryPage;

/// <summary>The users list and its new-user form, a user with their orders and new-order form, and its edit form.</summary>
[TestClass]
public sealed class UserPagesTests : EveryPageTest
{
    [TestMethod]
    public async Task The_user_pages_and_their_forms_pass_axe_and_fit_a_phone()
    {
        await SignInAsync(Portal.Admin);
        var user = await Api.CreateUserAsync();
        await Api.CreateOrderAsync(user.Id, 20.00m);

        var users = new UsersPage(Page);
        await users.GotoAsync();
        await Expect(users.Users.Rows.First).ToBeVisibleAsync();
        await CheckAsync("users list");
        await users.NewUserButton.ClickAsync();
        await Expect(users.NewUserName).ToBeVisibleAsync();
        await CheckAsync("new user");

        var userDetail = new UserDetailPage(Page);
        await userDetail.GotoAsync(user.Id);
        await Expect(userDetail.Orders.Rows).ToHaveCountAsync(1);
        await Expect(userDetail.Amount).ToBeVisibleAsync();
        await CheckAsync("user detail with its new order form");
        await userDetail.EditButton.ClickAsync();
        await Expect(userDetail.EditName).ToBeVisibleAsync();
        await CheckAsync("user edit");

        AssertNoProblems();
    }
}
