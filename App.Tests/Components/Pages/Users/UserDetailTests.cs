using AdminPortal.Components.Pages.Users;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Staff;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Components.Pages.Users;

[TestClass]
public sealed class UserDetailTests : UserPageTest
{
    [TestMethod]
    public async Task Shows_the_user_and_their_orders_with_links_to_each_order()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());
        var order = await AddAsync(new OrderBuilder().ForUser(ann).WithAmount(1234.5m, Currency.EUR).InStatus(OrderStatus.Shipped).Build());
        await AddAsync(new OrderBuilder().Build());
        SignInAs(StaffRoles.Viewer);

        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));

        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));
        Assert.AreEqual("Ann Lee", page.Find("[data-field=name]").TextContent);
        Assert.AreEqual("ann@example.com", page.Find("[data-field=email]").TextContent);
        StringAssert.Contains(page.Find("[data-field=status]").TextContent, "Active");
        var rows = page.FindAll("table[aria-label='Orders of Ann Lee'] tbody tr");
        Assert.HasCount(1, rows, "only this user's orders");
        Assert.AreEqual($"orders/{order.Id}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.AreEqual($"Order #{order.Id}", rows[0].QuerySelector("a")!.TextContent);
        StringAssert.Contains(rows[0].TextContent, "1,234.50 EUR");
        StringAssert.Contains(rows[0].TextContent, "Shipped");
        Assert.AreEqual("users", page.FindAll("a").First(a => a.TextContent == "Back to users").GetAttribute("href"));
    }

    [TestMethod]
    public async Task The_orders_are_paged_through_the_address()
    {
        var ann = await AddAsync(new UserBuilder().Build());
        for (var i = 0; i < 12; i++)
        {
            await AddAsync(new OrderBuilder().ForUser(ann).Build());
        }

        SignInAs(StaffRoles.Viewer);
        Navigation.NavigateTo($"/users/{ann.Id}");
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.HasCount(10, OrderRows(page)));
        StringAssert.Contains(page.Find("nav[aria-label='Order pages']").TextContent, "Page 1 of 2 (12 orders)");

        Navigation.NavigateTo($"/users/{ann.Id}?page=2");

        page.WaitForAssertion(() => Assert.HasCount(2, OrderRows(page)));
        StringAssert.Contains(page.Find("nav[aria-label='Order pages']").TextContent, "Page 2 of 2");
    }

    [TestMethod]
    public void An_unknown_id_says_not_found_with_a_way_back()
    {
        SignInAs(StaffRoles.Agent);

        var page = Render<UserDetail>(p => p.Add(x => x.Id, 4242));

        page.WaitForAssertion(() => Assert.AreEqual("User not found", page.Find("h1").TextContent));
        StringAssert.Contains(page.Find("[role=alert]").TextContent, "There is no user with id 4242.");
        Assert.AreEqual("users", page.Find("a").GetAttribute("href"));
        Assert.IsEmpty(page.FindAll("button"));
    }

    [TestMethod]
    public async Task A_database_failure_shows_a_plain_message_and_no_stack_trace()
    {
        SignInAs(StaffRoles.Agent);
        await Database.DisposeAsync();

        var page = Render<UserDetail>(p => p.Add(x => x.Id, 1));

        page.WaitForAssertion(() => Assert.AreEqual(AdminPortal.Data.DbErrors.UnavailableMessage, page.Find("[role=alert]").TextContent));
        Assert.AreEqual("User", page.Find("h1").TextContent);
        Assert.DoesNotContain("Exception", page.Markup);
        Assert.AreEqual("users", page.Find("a").GetAttribute("href"));
    }

    [TestMethod]
    public async Task Moving_to_another_user_shows_that_user_and_drops_the_open_form()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        var bo = await AddAsync(new UserBuilder().Named("Bo Park").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        await StartEditingAsync(page);

        page.Render(p => p.Add(x => x.Id, bo.Id));

        page.WaitForAssertion(() => Assert.AreEqual("Bo Park", page.Find("h1").TextContent));
        Assert.IsEmpty(page.FindAll("#edit-user-name"));
    }

    [TestMethod]
    public async Task A_viewer_is_offered_no_change()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Viewer);

        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));

        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));
        Assert.IsEmpty(page.FindAll("button"), "no Edit, Suspend, Delete or Create order");
        Assert.IsEmpty(page.FindAll("form"));
        Assert.IsEmpty(page.FindAll("#new-order-heading"));
    }

    [TestMethod]
    [DataRow(StaffRoles.Admin)]
    [DataRow(StaffRoles.Agent)]
    public async Task Admins_and_agents_are_offered_edit_suspend_delete_and_new_order(string role)
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(role);

        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));

        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));
        CollectionAssert.AreEqual(
            new[] { "Edit Ann Lee", "Suspend Ann Lee", "Delete Ann Lee", "Create order" },
            page.FindAll("button").Select(AccessibilityAssert.AccessibleName).ToArray());
    }

    [TestMethod]
    public async Task Editing_saves_the_normalised_values_and_shows_them()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        await StartEditingAsync(page);

        await UserAsync(() => page.Find("#edit-user-name").Change("  Ann Smith "));
        await UserAsync(() => page.Find("#edit-user-email").Change("Ann.Smith@Example.com"));
        await SubmitEditAsync(page);

        page.WaitForAssertion(() => Assert.AreEqual("Ann Smith", page.Find("h1").TextContent));
        Assert.AreEqual("ann.smith@example.com", page.Find("[data-field=email]").TextContent);
        Assert.AreEqual("Ann Smith was saved.", page.Find(".alert[role=status]").TextContent);
        Assert.IsEmpty(page.FindAll("#edit-user-name"), "the form closes");
        var saved = await ReadUserAsync(ann.Id);
        Assert.AreEqual(("Ann Smith", "ann.smith@example.com", 2), (saved.Name, saved.Email, saved.Version));
    }

    [TestMethod]
    public async Task An_invalid_edit_shows_messages_at_the_fields_and_changes_nothing()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        await StartEditingAsync(page);

        await UserAsync(() => page.Find("#edit-user-name").Change("   "));
        await UserAsync(() => page.Find("#edit-user-email").Change("ann@"));
        await SubmitEditAsync(page);

        Assert.AreEqual(UserRules.NameRequired, page.Find("#edit-user-name-error").TextContent);
        Assert.AreEqual(UserRules.EmailInvalid, page.Find("#edit-user-email-error").TextContent);
        var stored = await ReadUserAsync(ann.Id);
        Assert.AreEqual(("Ann Lee", "ann@example.com", 1), (stored.Name, stored.Email, stored.Version));
        Assert.IsEmpty(Changes.Published);
    }

    [TestMethod]
    public async Task Another_users_email_is_refused_at_the_email_field()
    {
        await AddAsync(new UserBuilder().WithEmail("bo@example.com").Build());
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        await StartEditingAsync(page);

        await UserAsync(() => page.Find("#edit-user-email").Change("Bo@Example.com"));
        await SubmitEditAsync(page);

        page.WaitForAssertion(() => Assert.AreEqual(UserRules.EmailTaken, page.Find("#edit-user-email-error").TextContent));
        Assert.AreEqual("ann@example.com", (await ReadUserAsync(ann.Id)).Email);
    }

    [TestMethod]
    public async Task A_save_after_someone_else_saved_is_refused_keeps_the_form_and_shows_the_current_values()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        await StartEditingAsync(page);
        await UserAsync(() => page.Find("#edit-user-name").Change("Mine"));
        // Another writer (another instance, say) saves without this page hearing of it.
        await ChangeSilentlyAsync(ann.Id, u => u.Name = "Theirs");

        await SubmitEditAsync(page);

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[data-testid=conflict]").TextContent, "your change was not saved and nothing was overwritten"));
        Assert.AreEqual("alert", page.Find("[data-testid=conflict]").GetAttribute("role"));
        Assert.AreEqual("Theirs", page.Find("[data-field=name]").TextContent, "the current state is shown");
        Assert.AreEqual("Mine", page.Find("#edit-user-name").GetAttribute("value"), "the form and what was typed stay");
        Assert.AreEqual("Theirs", (await ReadUserAsync(ann.Id)).Name, "nothing was overwritten");
    }

    [TestMethod]
    public async Task Saving_again_after_seeing_the_conflict_applies_the_edit()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        await StartEditingAsync(page);
        await UserAsync(() => page.Find("#edit-user-name").Change("Mine"));
        await ChangeSilentlyAsync(ann.Id, u => u.Status = UserStatus.Suspended);
        await SubmitEditAsync(page);
        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("[data-testid=conflict]")));

        await SubmitEditAsync(page);

        page.WaitForAssertion(() => Assert.AreEqual("Mine", page.Find("h1").TextContent));
        var saved = await ReadUserAsync(ann.Id);
        Assert.AreEqual(("Mine", UserStatus.Suspended), (saved.Name, saved.Status), "the other writer's status survives");
    }

    [TestMethod]
    public async Task A_change_elsewhere_while_editing_updates_the_details_and_leaves_the_form_alone()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        await StartEditingAsync(page);
        await UserAsync(() => page.Find("#edit-user-name").Change("Mine"));

        await UsersService.UpdateAsync(ann.Id, new UserChange("Theirs", "ann@example.com", UserStatus.Active), expectedVersion: 1, "agent@example.com");

        page.WaitForAssertion(() => Assert.AreEqual("Theirs", page.Find("[data-field=name]").TextContent));
        Assert.AreEqual("Mine", page.Find("#edit-user-name").GetAttribute("value"));
        StringAssert.Contains(page.Find("section[aria-labelledby=edit-heading] [role=status]").TextContent, "Someone else has changed this user");

        await SubmitEditAsync(page);

        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("[data-testid=conflict]")));
        Assert.AreEqual("Theirs", (await ReadUserAsync(ann.Id)).Name);
    }

    [TestMethod]
    public async Task A_change_elsewhere_re_renders_the_page_without_reload()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());
        SignInAs(StaffRoles.Viewer);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));

        await UsersService.UpdateAsync(ann.Id, new UserChange("Ann Smith", "ann@example.com", UserStatus.Suspended), expectedVersion: 1, "agent@example.com");

        page.WaitForAssertion(() =>
        {
            Assert.AreEqual("Ann Smith", page.Find("h1").TextContent);
            StringAssert.Contains(page.Find("[data-field=status]").TextContent, "Suspended");
        });
    }

    [TestMethod]
    public async Task A_new_order_elsewhere_appears_and_withdraws_delete()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.IsNotNull(DeleteButton(page)));

        var order = await OrdersService.CreateAsync(ann.Id, 10m, "GBP", "other@example.com");

        page.WaitForAssertion(() => Assert.AreEqual($"orders/{order.Id}", OrderRows(page).Single().QuerySelector("a")!.GetAttribute("href")));
        Assert.IsNull(DeleteButton(page));
        Assert.AreEqual(UsersService.HasOrders, page.Find("[data-testid=delete-refused]").TextContent);
    }

    [TestMethod]
    public async Task A_user_with_orders_is_not_offered_delete()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        await AddAsync(new OrderBuilder().ForUser(ann).Build());
        SignInAs(StaffRoles.Admin);

        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));

        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));
        Assert.IsNull(DeleteButton(page));
        Assert.AreEqual(UsersService.HasOrders, page.Find("[data-testid=delete-refused]").TextContent);
    }

    [TestMethod]
    public async Task Delete_asks_for_confirmation_then_deletes_and_returns_to_the_list()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.IsNotNull(DeleteButton(page)));

        await UserAsync(() => DeleteButton(page)!.Click());

        Assert.AreEqual("Delete Ann Lee permanently? This cannot be undone.", page.Find("#confirm-delete-question").TextContent);
        Assert.AreEqual(1, await CountUsersAsync(), "nothing happens before the confirmation");

        await UserAsync(() => Button(page, "Yes, delete Ann Lee").Click());

        page.WaitForAssertion(() => Assert.AreEqual("http://localhost/users", Navigation.Uri));
        Assert.AreEqual(0, await CountUsersAsync());
    }

    [TestMethod]
    public async Task Cancelling_the_confirmation_deletes_nothing()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.IsNotNull(DeleteButton(page)));
        await UserAsync(() => DeleteButton(page)!.Click());

        await UserAsync(() => Button(page, "Cancel").Click());

        Assert.IsEmpty(page.FindAll("#confirm-delete-question"));
        Assert.IsNotNull(DeleteButton(page));
        Assert.AreEqual(1, await CountUsersAsync());
    }

    [TestMethod]
    public async Task Delete_is_refused_with_the_services_message_when_an_order_arrived_meanwhile()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.IsNotNull(DeleteButton(page)));
        await UserAsync(() => DeleteButton(page)!.Click());
        // Written straight to the database: the page is not told, as with a slow notification.
        await AddAsync(new OrderBuilder().ForUser(ann).Build());

        await UserAsync(() => Button(page, "Yes, delete Ann Lee").Click());

        page.WaitForAssertion(() => Assert.AreEqual(UsersService.HasOrders, page.Find(".alert-danger[role=alert]").TextContent));
        Assert.AreEqual(1, await CountUsersAsync());
        Assert.IsNull(DeleteButton(page), "and it is no longer offered");
        Assert.HasCount(1, OrderRows(page));
    }

    [TestMethod]
    public async Task Suspend_and_activate_change_the_status_and_say_so()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));

        await UserAsync(() => Button(page, "Suspend Ann Lee").Click());

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[data-field=status]").TextContent, "Suspended"));
        Assert.AreEqual("Ann Lee is suspended and cannot get new orders.", page.Find(".alert[role=status]").TextContent);
        Assert.AreEqual(UserStatus.Suspended, (await ReadUserAsync(ann.Id)).Status);

        await UserAsync(() => Button(page, "Activate Ann Lee").Click());

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[data-field=status]").TextContent, "Active"));
        Assert.AreEqual(UserStatus.Active, (await ReadUserAsync(ann.Id)).Status);
    }

    [TestMethod]
    public async Task Suspending_after_someone_else_changed_the_user_is_refused_and_shows_the_current_state()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));
        await ChangeSilentlyAsync(ann.Id, u => u.Name = "Ann Smith");

        await UserAsync(() => Button(page, "Suspend Ann Lee").Click());

        page.WaitForAssertion(() => StringAssert.Contains(page.Find(".alert-danger[role=alert]").TextContent, "nothing was overwritten"));
        Assert.AreEqual("Ann Smith", page.Find("h1").TextContent);
        var stored = await ReadUserAsync(ann.Id);
        Assert.AreEqual(("Ann Smith", UserStatus.Active), (stored.Name, stored.Status));
    }

    [TestMethod]
    public async Task A_suspended_user_cannot_get_a_new_order_and_the_form_says_why()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Suspended().Build());
        SignInAs(StaffRoles.Agent);

        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));

        page.WaitForAssertion(() => Assert.AreEqual(OrderRules.UserSuspended, page.Find("#new-order-refused").TextContent));
        var create = Button(page, "Create order");
        Assert.IsTrue(create.HasAttribute("disabled"));
        Assert.AreEqual("new-order-refused", create.GetAttribute("aria-describedby"));
        Assert.IsTrue(page.Find("#new-order-amount").HasAttribute("disabled"));
    }

    [TestMethod]
    public async Task A_user_suspended_meanwhile_is_refused_a_new_order_with_the_message()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));
        await ChangeSilentlyAsync(ann.Id, u => u.Status = UserStatus.Suspended);

        await UserAsync(() => page.Find("#new-order-amount").Change("10.00"));
        await UserAsync(() => page.Find("section[aria-labelledby=new-order-heading] form").Submit());

        page.WaitForAssertion(() => Assert.AreEqual(OrderRules.UserSuspended, page.Find("section[aria-labelledby=new-order-heading] [role=alert]").TextContent));
        Assert.AreEqual(0, await CountOrdersAsync());
        Assert.IsTrue(Button(page, "Create order").HasAttribute("disabled"), "the page now shows the user as suspended");
    }

    [TestMethod]
    [DataRow("", OrderRules.AmountRequired)]
    [DataRow("ten", "Amount must be a number such as 25.00.")]
    [DataRow("0", OrderRules.AmountNotPositive)]
    [DataRow("1000000.01", OrderRules.AmountTooLarge)]
    [DataRow("1.005", OrderRules.AmountTooPrecise)]
    public async Task An_invalid_amount_is_shown_at_the_field_and_no_order_is_created(string amount, string message)
    {
        var ann = await AddAsync(new UserBuilder().Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("#new-order-amount")));

        await UserAsync(() => page.Find("#new-order-amount").Change(amount));
        await UserAsync(() => page.Find("section[aria-labelledby=new-order-heading] form").Submit());

        Assert.AreEqual(message, page.Find("#new-order-amount-error").TextContent);
        Assert.AreEqual("new-order-amount-error", page.Find("#new-order-amount").GetAttribute("aria-describedby"));
        Assert.AreEqual(0, await CountOrdersAsync());
    }

    [TestMethod]
    public async Task A_new_order_is_created_pending_by_the_signed_in_staff_member_and_listed()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Agent, "agent@example.com");
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("#new-order-amount")));
        CollectionAssert.AreEqual(new[] { "USD", "EUR", "GBP" }, page.FindAll("#new-order-currency option").Select(o => o.TextContent).ToArray());

        await UserAsync(() => page.Find("#new-order-amount").Change("12.50"));
        await UserAsync(() => page.Find("#new-order-currency").Change("EUR"));
        await UserAsync(() => page.Find("section[aria-labelledby=new-order-heading] form").Submit());

        page.WaitForAssertion(() => Assert.HasCount(1, OrderRows(page)));
        StringAssert.Contains(OrderRows(page)[0].TextContent, "12.50 EUR");
        StringAssert.Contains(page.Find("section[aria-labelledby=new-order-heading] [role=status]").TextContent, "was created");
        Assert.AreEqual("", page.Find("#new-order-amount").GetAttribute("value") ?? "", "ready for the next order");
        await using var db = Database.CreateDbContext();
        var stored = await db.Orders.Include(o => o.History).SingleAsync();
        Assert.AreEqual((ann.Id, 12.50m, Currency.EUR, OrderStatus.Pending), (stored.UserId, stored.Amount, stored.Currency, stored.Status));
        Assert.AreEqual("agent@example.com", stored.History.Single().ChangedBy);
    }

    [TestMethod]
    public async Task A_user_deleted_elsewhere_turns_into_not_found()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        SignInAs(StaffRoles.Viewer);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));

        await UsersService.DeleteAsync(ann.Id, expectedVersion: null, "agent@example.com");

        page.WaitForAssertion(() => Assert.AreEqual("User not found", page.Find("h1").TextContent));
    }

    [TestMethod]
    public async Task Every_field_has_a_visible_label_and_every_control_a_name()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        await AddAsync(new OrderBuilder().ForUser(ann).Build());
        SignInAs(StaffRoles.Agent);
        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));
        await StartEditingAsync(page);
        await UserAsync(() => page.Find("#edit-user-email").Change(""));
        await SubmitEditAsync(page);
        await UserAsync(() => page.Find("section[aria-labelledby=new-order-heading] form").Submit());

        AccessibilityAssert.MeetsTheBasics(page);
        Assert.AreEqual("Amount", page.Find("label[for=new-order-amount]").TextContent);
        Assert.AreEqual("Currency", page.Find("label[for=new-order-currency]").TextContent);
        Assert.AreEqual("Name", page.Find("label[for=edit-user-name]").TextContent);
        Assert.AreEqual("Email", page.Find("label[for=edit-user-email]").TextContent);
    }

    private async Task StartEditingAsync(IRenderedComponent<UserDetail> page)
    {
        page.WaitForAssertion(() => Assert.IsTrue(page.FindAll("button").Any(b => AccessibilityAssert.AccessibleName(b).StartsWith("Edit ", StringComparison.Ordinal))));
        await UserAsync(() => page.FindAll("button").Single(b => AccessibilityAssert.AccessibleName(b).StartsWith("Edit ", StringComparison.Ordinal)).Click());
    }

    private Task SubmitEditAsync(IRenderedComponent<UserDetail> page) =>
        UserAsync(() => page.Find("section[aria-labelledby=edit-heading] form").Submit());

    private static IElement Button(IRenderedComponent<UserDetail> page, string name) =>
        page.FindAll("button").Single(b => AccessibilityAssert.AccessibleName(b) == name);

    private static IElement? DeleteButton(IRenderedComponent<UserDetail> page) =>
        page.FindAll("button").SingleOrDefault(b => AccessibilityAssert.AccessibleName(b).StartsWith("Delete ", StringComparison.Ordinal));

    private static IReadOnlyList<IElement> OrderRows(IRenderedComponent<UserDetail> page) =>
        page.FindAll("section[aria-labelledby=orders-heading] tbody tr");
}
