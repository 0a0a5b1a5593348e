using System.Text.RegularExpressions;

namespace AdminPortal.E2E.Tests;

[TestClass]
public sealed class UsersTests : BrowserTest
{
    // The seeded demo data (App/Data/Seeding): 60 users, 25 to a page by default.
    private const int SeededUsers = 60;

    [TestMethod]
    public async Task Creating_a_user_opens_it_with_the_email_stored_in_lower_case()
    {
        var users = new UsersPage(Page);
        var detail = new UserDetailPage(Page);
        var unique = PortalApi.Unique();
        await SignInAsync(Portal.Admin);
        await users.GotoAsync();

        Api.CleanUpUserAfterwards($"grace.hopper.{unique}@example.com");
        await users.CreateAsync("Grace Hopper", $"Grace.Hopper.{unique}@Example.com");

        await Expect(Page).ToHaveURLAsync(new Regex(@"/users/\d+$"));
        await Expect(detail.Heading).ToHaveTextAsync("Grace Hopper");
        await Expect(detail.Details).ToContainTextAsync($"grace.hopper.{unique}@example.com");
        await Expect(detail.Details).ToContainTextAsync("Active");
    }

    [TestMethod]
    public async Task A_duplicate_email_is_refused_at_the_field()
    {
        var existing = await Api.CreateUserAsync();
        var users = new UsersPage(Page);
        await SignInAsync(Portal.Admin);
        await users.GotoAsync();

        await users.CreateAsync("Someone Else", existing.Email.ToUpperInvariant());

        await Expect(users.NewUserEmail).ToHaveAccessibleDescriptionAsync("A user with this email already exists.");
        await Expect(users.NewUserEmail).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/users$"));
        await users.GotoAsync($"?search={Uri.EscapeDataString(existing.Email)}");
        await Expect(users.Users.Rows).ToHaveCountAsync(1);
    }

    [TestMethod]
    public async Task Editing_a_user_saves_the_new_name_and_email()
    {
        var user = await Api.CreateUserAsync();
        var detail = new UserDetailPage(Page);
        var newEmail = $"renamed.{PortalApi.Unique()}@example.com";
        Api.CleanUpUserAfterwards(newEmail);
        await SignInAsync(Portal.Admin);
        await detail.GotoAsync(user.Id);

        await detail.EditAsync("Renamed Person", newEmail);

        await Expect(detail.Notice("Renamed Person was saved.")).ToBeVisibleAsync();
        await Expect(detail.Heading).ToHaveTextAsync("Renamed Person");
        await Expect(detail.Details).ToContainTextAsync(newEmail);
        await Expect(detail.EditForm).ToHaveCountAsync(0);
        await detail.GotoAsync(user.Id);
        await Expect(detail.Heading).ToHaveTextAsync("Renamed Person");
    }

    [TestMethod]
    public async Task Searching_shows_only_the_users_whose_name_starts_with_the_text()
    {
        var prefix = $"Searchable {PortalApi.Unique()}";
        await Api.CreateUserAsync($"{prefix} One", $"one.{PortalApi.Unique()}@example.com");
        await Api.CreateUserAsync($"{prefix} Two", $"two.{PortalApi.Unique()}@example.com");
        var users = new UsersPage(Page);
        await SignInAsync(Portal.Admin);
        await users.GotoAsync();

        await users.SearchAsync(prefix);

        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]search=Searchable"));
        await Expect(users.Users.Rows).ToHaveTextAsync([new Regex(Regex.Escape($"{prefix} One")), new Regex(Regex.Escape($"{prefix} Two"))]);
        await Expect(users.Search).ToHaveValueAsync(prefix);
    }

    [TestMethod]
    public async Task Sorting_by_email_orders_the_rows_ascending_then_descending()
    {
        RequireSeededDemoData();
        var users = new UsersPage(Page);
        await SignInAsync(Portal.Admin);
        await users.GotoAsync("?pageSize=100");
        await Expect(users.Users.Rows).ToHaveCountAsync(SeededUsers);
        var emails = await users.Users.ColumnAsync("Email");
        var ascending = emails.Order(StringComparer.Ordinal).ToList();

        await users.SortByAsync("Email");

        await Expect(users.Users.ColumnHeader("Email")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]sort=email(&|$)"));
        await Expect(users.Users.Rows).ToHaveTextAsync(ascending.Select(Containing));

        await users.SortByAsync("Email");

        await Expect(users.Users.ColumnHeader("Email")).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]sort=-email(&|$)"));
        await Expect(users.Users.Rows).ToHaveTextAsync(Enumerable.Reverse(ascending).Select(Containing));
    }

    [TestMethod]
    public async Task Paging_moves_through_the_users_in_the_address()
    {
        RequireSeededDemoData();
        var users = new UsersPage(Page);
        await SignInAsync(Portal.Admin);
        await users.GotoAsync();
        await Expect(users.Pager).ToContainTextAsync($"Page 1 of 3 ({SeededUsers} users)");
        await Expect(users.Users.Rows).ToHaveCountAsync(25);
        var firstOnPageOne = await users.Users.Rows.First.InnerTextAsync();

        await users.NextPageAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]page=2(&|$)"));
        await Expect(users.Pager).ToContainTextAsync($"Page 2 of 3 ({SeededUsers} users)");
        await Expect(users.Users.Rows).ToHaveCountAsync(25);
        await Expect(users.Users.Rows.First).Not.ToHaveTextAsync(firstOnPageOne);

        await users.NextPageAsync();

        await Expect(users.Pager).ToContainTextAsync("Page 3 of 3");
        await Expect(users.Users.Rows).ToHaveCountAsync(SeededUsers - 50);
        await Expect(users.NextPageLink).ToHaveCountAsync(0);

        await users.PreviousPageAsync();

        await Expect(users.Pager).ToContainTextAsync("Page 2 of 3");
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]page=2(&|$)"));
    }

    [TestMethod]
    public async Task Suspending_a_user_shows_it_and_refuses_new_orders()
    {
        var user = await Api.CreateUserAsync();
        var detail = new UserDetailPage(Page);
        await SignInAsync(Portal.Admin);
        await detail.GotoAsync(user.Id);
        await Expect(detail.Details).ToContainTextAsync("Active");

        await detail.SuspendAsync();

        await Expect(detail.Notice($"{user.Name} is suspended and cannot get new orders.")).ToBeVisibleAsync();
        await Expect(detail.Details).ToContainTextAsync("Suspended");
        await Expect(detail.ActivateButton).ToBeVisibleAsync();
        await Expect(detail.CreateOrderButton).ToBeDisabledAsync();
        await Expect(detail.CreateOrderButton).ToHaveAccessibleDescriptionAsync(new Regex("suspended", RegexOptions.IgnoreCase));
    }

    [TestMethod]
    public async Task Deleting_a_user_without_orders_removes_it()
    {
        var user = await Api.CreateUserAsync();
        var detail = new UserDetailPage(Page);
        var users = new UsersPage(Page);
        await SignInAsync(Portal.Admin);
        await detail.GotoAsync(user.Id);

        await detail.DeleteAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/users$"));
        await Expect(users.Heading).ToBeVisibleAsync();
        await detail.GotoAsync(user.Id);
        await Expect(detail.Heading).ToHaveTextAsync("User not found");
    }

    [TestMethod]
    public async Task A_user_with_orders_offers_no_delete_and_says_why()
    {
        var user = await Api.CreateUserAsync();
        await Api.CreateOrderAsync(user.Id, 12.00m);
        var detail = new UserDetailPage(Page);
        await SignInAsync(Portal.Admin);

        await detail.GotoAsync(user.Id);

        await Expect(detail.Orders.Rows).ToHaveCountAsync(1);
        await Expect(detail.SuspendButton).ToBeVisibleAsync();
        await Expect(detail.DeleteButton).ToHaveCountAsync(0);
        await Expect(detail.Details).ToContainTextAsync("This user has orders and cannot be deleted; suspend the user instead.");
    }

    /// <summary>A deployed portal has its own number of users; these counts are the demo data's.</summary>
    private void RequireSeededDemoData()
    {
        if (!Portal.IsInProcess)
        {
            Assert.Inconclusive("Counts the seeded demo data's 60 users, which only the in-process portal has.");
        }
    }

    private static Regex Containing(string text) => new(Regex.Escape(text));
}
