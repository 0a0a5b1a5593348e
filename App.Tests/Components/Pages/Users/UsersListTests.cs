using AdminPortal.Components.Pages.Users;
using AdminPortal.Features.Staff;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Bunit;

namespace AdminPortal.Tests.Components.Pages.Users;

[TestClass]
public sealed class UsersListTests : UserPageTest
{
    [TestMethod]
    public async Task Lists_users_by_name_with_status_and_a_link_to_each_user()
    {
        await AddAsync(
            new UserBuilder().Named("Cy Ode").WithEmail("cy@example.com").Build(),
            new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build(),
            new UserBuilder().Named("Bo Park").WithEmail("bo@example.com").Suspended().Build());
        SignInAs(StaffRoles.Viewer);

        var page = Render<UsersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Ann Lee", "Bo Park", "Cy Ode" }, Names(page)));
        var bo = page.Find("tbody tr:nth-child(2)");
        StringAssert.Contains(bo.TextContent, "bo@example.com");
        Assert.AreEqual("suspended", bo.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        StringAssert.Contains(bo.QuerySelector("[data-status]")!.TextContent, "Suspended", "status is a word, not only a colour");
        Assert.AreEqual($"users/{bo.GetAttribute("data-user-id")}", bo.QuerySelector("a")!.GetAttribute("href"));
        StringAssert.Contains(page.Find("nav[aria-label='User pages']").TextContent, "Page 1 of 1 (3 users)");
        Assert.AreEqual("Users", page.Find("h1").TextContent);
    }

    [TestMethod]
    public async Task Search_in_the_address_matches_the_start_of_a_name_or_an_email()
    {
        await AddAsync(
            new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build(),
            new UserBuilder().Named("Bo Park").WithEmail("annex@example.com").Build(),
            new UserBuilder().Named("Cy Ann").WithEmail("cy@example.com").Build());
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?search=Ann");

        var page = Render<UsersList>();

        // A name or an email starting with the term; "Cy Ann" only contains it later.
        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Ann Lee", "Bo Park" }, Names(page)));
        Assert.AreEqual("Ann", page.Find("#users-search").GetAttribute("value"), "the box shows the search in force");
    }

    [TestMethod]
    public async Task Status_in_the_address_filters_the_list()
    {
        await AddAsync(
            new UserBuilder().Named("Ann Lee").Build(),
            new UserBuilder().Named("Bo Park").Suspended().Build());
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?status=suspended");

        var page = Render<UsersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Bo Park" }, Names(page)));
        Assert.AreEqual("suspended", page.Find("#users-status").GetAttribute("value"));
    }

    [TestMethod]
    [DataRow("sort=-name", new[] { "Cy Ode", "Bo Park", "Ann Lee" })]
    [DataRow("sort=email", new[] { "Cy Ode", "Ann Lee", "Bo Park" })]
    [DataRow("sort=-email", new[] { "Bo Park", "Ann Lee", "Cy Ode" })]
    [DataRow("sort=createdAt", new[] { "Bo Park", "Cy Ode", "Ann Lee" })]
    [DataRow("sort=-createdAt", new[] { "Ann Lee", "Cy Ode", "Bo Park" })]
    public async Task Sort_in_the_address_orders_the_rows(string query, string[] expected)
    {
        await AddAsync(
            Created(new UserBuilder().Named("Ann Lee").WithEmail("b@example.com").Build(), day: 3),
            Created(new UserBuilder().Named("Bo Park").WithEmail("c@example.com").Build(), day: 1),
            Created(new UserBuilder().Named("Cy Ode").WithEmail("a@example.com").Build(), day: 2));
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?" + query);

        var page = Render<UsersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(expected, Names(page)));
    }

    [TestMethod]
    public async Task Column_headers_link_to_the_other_direction_and_announce_the_current_one()
    {
        await AddAsync(new UserBuilder().Build());
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?search=u&sort=email&page=1");

        var page = Render<UsersList>();

        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("tbody tr")));
        var email = page.FindAll("th").Single(th => th.TextContent.Contains("Email", StringComparison.Ordinal));
        Assert.AreEqual("ascending", email.GetAttribute("aria-sort"));
        Assert.AreEqual("http://localhost/users?search=u&sort=-email", email.QuerySelector("a")!.GetAttribute("href"));
        var name = page.FindAll("th").Single(th => th.TextContent.Contains("Name", StringComparison.Ordinal));
        Assert.AreEqual("none", name.GetAttribute("aria-sort"));
        Assert.AreEqual("http://localhost/users?search=u&sort=name", name.QuerySelector("a")!.GetAttribute("href"));
    }

    [TestMethod]
    public async Task Page_and_page_size_in_the_address_choose_the_rows()
    {
        await AddAsync(new[] { "Ann", "Bea", "Cy", "Dee", "Eve" }.Select(n => new UserBuilder().Named(n).Build()).ToArray());
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?pageSize=2&page=2");

        var page = Render<UsersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Cy", "Dee" }, Names(page)));
        var pager = page.Find("nav[aria-label='User pages']");
        StringAssert.Contains(pager.TextContent, "Page 2 of 3 (5 users)");
        Assert.AreEqual("http://localhost/users?pageSize=2&page=3", pager.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.AreEqual("http://localhost/users?pageSize=2&page=1", pager.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
    }

    [TestMethod]
    [DataRow("page=0")]
    [DataRow("page=-3")]
    [DataRow("page=abc")]
    [DataRow("pageSize=0")]
    [DataRow("pageSize=1000")]
    [DataRow("pageSize=lots")]
    [DataRow("sort=bogus")]
    [DataRow("sort=-")]
    [DataRow("status=deleted")]
    [DataRow("page=99999999999999999999&sort=password&status=1")]
    public async Task Unusable_values_in_the_address_fall_back_to_the_defaults(string query)
    {
        await AddAsync(
            new UserBuilder().Named("Bo Park").Suspended().Build(),
            new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?" + query);

        var page = Render<UsersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Ann Lee", "Bo Park" }, Names(page)));
        Assert.IsEmpty(page.FindAll("[role=alert]"));
    }

    [TestMethod]
    public async Task A_page_past_the_end_says_so_and_links_to_the_first_page()
    {
        await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?search=Ann&page=4");

        var page = Render<UsersList>();

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[role=status]").TextContent, "There are no users on page 4."));
        Assert.AreEqual("http://localhost/users?search=Ann", page.Find("[role=status] a").GetAttribute("href"));
    }

    [TestMethod]
    public async Task Navigating_to_another_query_re_queries_the_list()
    {
        await AddAsync(
            new UserBuilder().Named("Ann Lee").Build(),
            new UserBuilder().Named("Bo Park").Build());
        SignInAs(StaffRoles.Viewer);
        var page = Render<UsersList>();
        page.WaitForAssertion(() => Assert.HasCount(2, Names(page)));

        Navigation.NavigateTo("/users?search=Bo");

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Bo Park" }, Names(page)));
    }

    [TestMethod]
    public async Task Applying_the_filter_form_puts_search_and_status_in_the_address()
    {
        await AddAsync(
            new UserBuilder().Named("Ann Lee").Build(),
            new UserBuilder().Named("Ann Other").Suspended().Build(),
            new UserBuilder().Named("Bo Park").Suspended().Build());
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?sort=-name&page=2");
        var page = Render<UsersList>();

        await UserAsync(() => page.Find("#users-search").Input("  Ann "));
        await UserAsync(() => page.Find("#users-status").Change("suspended"));
        await UserAsync(() => page.Find("form[role=search]").Submit());

        Assert.AreEqual("http://localhost/users?sort=-name&search=Ann&status=suspended", Navigation.Uri,
            "the sort stays; the page starts again");
        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Ann Other" }, Names(page)));
    }

    [TestMethod]
    public async Task A_search_without_results_says_what_matched_nothing()
    {
        await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?search=zed&status=active");

        var page = Render<UsersList>();

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[role=status]").TextContent, "No users match “zed” with status Active."));
        Assert.AreEqual("users", page.Find("[role=status] a").GetAttribute("href"));
        Assert.IsEmpty(page.FindAll("table"));
    }

    [TestMethod]
    public void An_empty_database_says_there_are_no_users_yet()
    {
        SignInAs(StaffRoles.Viewer);

        var page = Render<UsersList>();

        page.WaitForAssertion(() => Assert.AreEqual("No users yet.", page.Find("[role=status]").TextContent.Trim()));
    }

    [TestMethod]
    public async Task A_database_failure_shows_a_plain_message_and_no_stack_trace()
    {
        SignInAs(StaffRoles.Viewer);
        await Database.DisposeAsync();

        var page = Render<UsersList>();

        page.WaitForAssertion(() => Assert.AreEqual(AdminPortal.Data.DbErrors.UnavailableMessage, page.Find("[role=alert]").TextContent));
        Assert.DoesNotContain("Exception", page.Markup);
        Assert.DoesNotContain(" at ", page.Markup);
    }

    [TestMethod]
    [DataRow(StaffRoles.Admin)]
    [DataRow(StaffRoles.Agent)]
    public void Admins_and_agents_are_offered_new_user(string role)
    {
        SignInAs(role);

        var page = Render<UsersList>();

        page.WaitForAssertion(() => Assert.AreEqual("New user", page.Find("button.btn-primary").TextContent));
    }

    [TestMethod]
    public async Task A_viewer_is_not_offered_new_user()
    {
        await AddAsync(new UserBuilder().Build());
        SignInAs(StaffRoles.Viewer);

        var page = Render<UsersList>();

        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("tbody tr")));
        Assert.IsFalse(page.FindAll("button").Any(b => b.TextContent.Contains("New user", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Saving_an_empty_new_user_shows_both_messages_at_their_fields_and_saves_nothing()
    {
        SignInAs(StaffRoles.Agent);
        var page = Render<UsersList>();
        await OpenNewUserAsync(page);

        await UserAsync(() => page.Find("section[aria-labelledby=new-user-heading] form").Submit());

        Assert.AreEqual(UserRules.NameRequired, page.Find("#new-user-name-error").TextContent);
        Assert.AreEqual(UserRules.EmailRequired, page.Find("#new-user-email-error").TextContent);
        Assert.AreEqual("new-user-name-error", page.Find("#new-user-name").GetAttribute("aria-describedby"));
        Assert.AreEqual("true", page.Find("#new-user-email").GetAttribute("aria-invalid"));
        Assert.AreEqual(0, await CountUsersAsync());
        Assert.IsEmpty(Changes.Published);
    }

    [TestMethod]
    public async Task A_bad_email_is_flagged_as_soon_as_it_is_typed_and_not_saved()
    {
        SignInAs(StaffRoles.Agent);
        var page = Render<UsersList>();
        await OpenNewUserAsync(page);

        await UserAsync(() => page.Find("#new-user-email").Change("Ann <ann@example.com>"));

        Assert.AreEqual(UserRules.EmailInvalid, page.Find("#new-user-email-error").TextContent);
        Assert.IsEmpty(page.FindAll("#new-user-name-error"), "a field not yet touched shows nothing");

        await UserAsync(() => page.Find("#new-user-name").Change("Ann Lee"));
        await UserAsync(() => page.Find("section[aria-labelledby=new-user-heading] form").Submit());

        Assert.AreEqual(UserRules.EmailInvalid, page.Find("#new-user-email-error").TextContent);
        Assert.AreEqual(0, await CountUsersAsync());
    }

    [TestMethod]
    public async Task A_duplicate_email_shows_the_message_at_the_email_field_and_saves_nothing()
    {
        await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UsersList>();
        await OpenNewUserAsync(page);

        await UserAsync(() => page.Find("#new-user-name").Change("Another Ann"));
        await UserAsync(() => page.Find("#new-user-email").Change("ANN@example.com"));
        await UserAsync(() => page.Find("section[aria-labelledby=new-user-heading] form").Submit());

        page.WaitForAssertion(() => Assert.AreEqual(UserRules.EmailTaken, page.Find("#new-user-email-error").TextContent));
        Assert.IsEmpty(page.FindAll("#new-user-name-error"));
        Assert.IsEmpty(page.FindAll("section[aria-labelledby=new-user-heading] [role=alert]"), "the message is at the field, not only at the top");
        Assert.AreEqual("Another Ann", page.Find("#new-user-name").GetAttribute("value"), "what was typed stays");
        Assert.AreEqual(1, await CountUsersAsync());
    }

    [TestMethod]
    public async Task A_valid_new_user_is_saved_and_its_page_opens()
    {
        SignInAs(StaffRoles.Agent);
        var page = Render<UsersList>();
        await OpenNewUserAsync(page);

        await UserAsync(() => page.Find("#new-user-name").Change("  Ann Lee "));
        await UserAsync(() => page.Find("#new-user-email").Change(" Ann@Example.com"));
        await UserAsync(() => page.Find("section[aria-labelledby=new-user-heading] form").Submit());

        page.WaitForAssertion(() => StringAssert.StartsWith(Navigation.Uri, "http://localhost/users/"));
        var id = int.Parse(Navigation.Uri["http://localhost/users/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var saved = await ReadUserAsync(id);
        Assert.AreEqual(("Ann Lee", "ann@example.com", UserStatus.Active), (saved.Name, saved.Email, saved.Status));
    }

    [TestMethod]
    public async Task Cancel_closes_the_new_user_form_without_saving()
    {
        SignInAs(StaffRoles.Agent);
        var page = Render<UsersList>();
        await OpenNewUserAsync(page);
        await UserAsync(() => page.Find("#new-user-name").Change("Ann Lee"));

        await UserAsync(() => page.FindAll("section[aria-labelledby=new-user-heading] button").Single(b => b.TextContent == "Cancel").Click());

        Assert.IsEmpty(page.FindAll("#new-user-name"));
        Assert.AreEqual(0, await CountUsersAsync());
    }

    [TestMethod]
    public async Task A_user_added_elsewhere_appears_without_reload()
    {
        await AddAsync(new UserBuilder().Named("Bo Park").Build());
        SignInAs(StaffRoles.Viewer);
        var page = Render<UsersList>();
        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Bo Park" }, Names(page)));

        await UsersService.CreateAsync("Ann Lee", "ann@example.com", "agent@example.com");

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Ann Lee", "Bo Park" }, Names(page)));
    }

    [TestMethod]
    public async Task A_status_change_elsewhere_moves_the_user_out_of_a_filtered_list()
    {
        var bo = await AddAsync(new UserBuilder().Named("Bo Park").Build());
        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo("/users?status=active");
        var page = Render<UsersList>();
        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { "Bo Park" }, Names(page)));

        await UsersService.UpdateAsync(bo.Id, new UserChange(bo.Name, bo.Email, UserStatus.Suspended), expectedVersion: null, "agent@example.com");

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[role=status]").TextContent, "No users match status Active."));
    }

    [TestMethod]
    public async Task Every_field_has_a_visible_label_and_every_control_a_name()
    {
        await AddAsync(new[] { "Ann", "Bea", "Cy" }.Select(n => new UserBuilder().Named(n).Build()).ToArray());
        SignInAs(StaffRoles.Agent);
        Navigation.NavigateTo("/users?pageSize=1&page=2");
        var page = Render<UsersList>();
        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("tbody tr")));
        await OpenNewUserAsync(page);
        await UserAsync(() => page.Find("section[aria-labelledby=new-user-heading] form").Submit());

        AccessibilityAssert.MeetsTheBasics(page);
        Assert.AreEqual("Search", page.Find("label[for=users-search]").TextContent);
        Assert.AreEqual("Status", page.Find("label[for=users-status]").TextContent);
        Assert.AreEqual("Name", page.Find("label[for=new-user-name]").TextContent);
        Assert.AreEqual("Email", page.Find("label[for=new-user-email]").TextContent);
        CollectionAssert.AreEqual(new[] { "", "active", "suspended" }, page.FindAll("#users-status option").Select(o => o.GetAttribute("value")).ToArray());
    }

    private Task OpenNewUserAsync(IRenderedComponent<UsersList> page) =>
        UserAsync(() => page.FindAll("button").Single(b => b.TextContent == "New user").Click());

    private static List<string> Names(IRenderedComponent<UsersList> page) =>
        page.FindAll("tbody tr td:first-child a").Select(a => a.TextContent).ToList();

    private static User Created(User user, int day)
    {
        user.CreatedAt = new DateTime(2026, 1, day, 0, 0, 0, DateTimeKind.Utc);
        return user;
    }
}
