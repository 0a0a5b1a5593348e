using System.Globalization;
using AdminPortal.Components.Pages.Orders;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Staff;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Pages.Orders;

[TestClass]
public sealed class OrdersListTests : OrderPageTest
{
    [TestMethod]
    public async Task Lists_the_orders_newest_first_with_links_to_each_order_and_its_user()
    {
        var ann = new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build();
        var older = Created(new OrderBuilder().ForUser(ann).WithAmount(1234.5m, Currency.EUR).Build(), "2026-03-01T10:00");
        var newer = Created(new OrderBuilder().ForUser(ann).InStatus(OrderStatus.Shipped).Build(), "2026-03-02T10:00");
        var ids = await AddAsync(older, newer);
        SignInAs(StaffRoles.Viewer);

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { ids[1], ids[0] }, RowIds(page)));
        Assert.HasCount(1, page.FindAll("h1"));
        Assert.AreEqual("Orders", page.Find("h1").TextContent);
        var first = page.Find($"tr[data-order-id='{ids[0]}']");
        Assert.AreEqual($"Order #{ids[0]}", first.QuerySelector($"a[href='orders/{ids[0]}']")!.TextContent);
        Assert.AreEqual("Ann Lee", first.QuerySelector($"a[href='users/{ann.Id}']")!.TextContent);
        StringAssert.Contains(first.TextContent, "ann@example.com");
        StringAssert.Contains(first.TextContent, "1,234.50 EUR");
        StringAssert.Contains(first.TextContent, "2026-03-01 10:00");
        Assert.AreEqual("shipped", page.Find($"tr[data-order-id='{ids[1]}'] [data-status]").GetAttribute("data-status"));
        StringAssert.Contains(page.Find("nav[aria-label='Order pages']").TextContent, "Page 1 of 1 (2 orders)");
    }

    [TestMethod]
    public void Every_filter_has_a_visible_label_and_status_offers_all_and_the_five_statuses()
    {
        SignInAs(StaffRoles.Viewer);

        var page = Render<OrdersList>();

        Assert.AreEqual("Customer", page.Find("label[for=filter-customer]").TextContent);
        Assert.AreEqual("Status", page.Find("label[for=filter-status]").TextContent);
        Assert.AreEqual("User id", page.Find("label[for=filter-user]").TextContent);
        Assert.AreEqual("From date", page.Find("label[for=filter-from]").TextContent);
        Assert.AreEqual("To date", page.Find("label[for=filter-to]").TextContent);
        var options = page.FindAll("#filter-status option").Select(o => (o.GetAttribute("value"), o.TextContent)).ToList();
        CollectionAssert.AreEqual(
            new[] { ("", "All"), ("pending", "Pending"), ("processing", "Processing"), ("shipped", "Shipped"), ("delivered", "Delivered"), ("cancelled", "Cancelled") },
            options);
        Assert.AreEqual("Apply filters", page.Find("form button[type=submit]").TextContent);
    }

    [TestMethod]
    public async Task The_status_in_the_address_filters_the_grid()
    {
        var user = new UserBuilder().Build();
        var ids = await AddAsync(
            new OrderBuilder().ForUser(user).Build(),
            new OrderBuilder().ForUser(user).InStatus(OrderStatus.Shipped).Build(),
            new OrderBuilder().ForUser(user).InStatus(OrderStatus.Shipped).Build());
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?status=shipped");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEquivalent(new[] { ids[1], ids[2] }, RowIds(page)));
        Assert.AreEqual("shipped", page.Find("#filter-status").GetAttribute("value"));
    }

    [TestMethod]
    public async Task The_user_and_whole_utc_days_in_the_address_filter_the_grid()
    {
        var ann = new UserBuilder().Named("Ann Lee").WithEmail("ann.days@example.com").Build();
        var bob = new UserBuilder().Named("Bob Ray").Build();
        var ids = await AddAsync(
            Created(new OrderBuilder().ForUser(ann).Build(), "2026-03-01T23:59:59"),
            Created(new OrderBuilder().ForUser(ann).Build(), "2026-03-02T00:00:00"),
            Created(new OrderBuilder().ForUser(ann).Build(), "2026-03-03T23:59:59.999"),
            Created(new OrderBuilder().ForUser(ann).Build(), "2026-03-04T00:00:00"),
            Created(new OrderBuilder().ForUser(bob).Build(), "2026-03-02T12:00:00"));
        SignInAs(StaffRoles.Viewer);
        NavigateTo($"/orders?userId={ann.Id}&from=2026-03-02&to=2026-03-03");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { ids[2], ids[1] }, RowIds(page)));
        Assert.AreEqual("Showing the orders of Ann Lee (ann.days@example.com).", page.Find("[data-testid=user-filter]").TextContent);
        Assert.AreEqual(ann.Id.ToString(CultureInfo.InvariantCulture), page.Find("#filter-user").GetAttribute("value"));
        Assert.AreEqual("2026-03-02", page.Find("#filter-from").GetAttribute("value"));
        Assert.AreEqual("2026-03-03", page.Find("#filter-to").GetAttribute("value"));
    }

    [TestMethod]
    public async Task The_customer_in_the_address_filters_the_grid_by_name_or_email_prefix_and_fills_the_field()
    {
        var ann = new UserBuilder().Named("Ann Lee").WithEmail("lee.ann@example.com").Build();
        var bob = new UserBuilder().Named("Bob Ray").WithEmail("bob@example.com").Build();
        var ids = await AddAsync(new OrderBuilder().ForUser(ann).Build(), new OrderBuilder().ForUser(bob).Build());
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?customer=LEE.");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { ids[0] }, RowIds(page)));
        Assert.AreEqual("LEE.", page.Find("#filter-customer").GetAttribute("value"));
        var href = page.Find("a[download]").GetAttribute("href")!;
        Assert.AreEqual("LEE.", QueryHelpers.ParseQuery(href[href.IndexOf('?', StringComparison.Ordinal)..])["customer"].ToString(), "the export takes it too");
    }

    [TestMethod]
    public async Task Applying_a_typed_customer_puts_it_in_the_address_and_clearing_the_field_removes_it()
    {
        var ann = new UserBuilder().Named("Ann Lee").Build();
        var bob = new UserBuilder().Named("Bob Ray").Build();
        var ids = await AddAsync(new OrderBuilder().ForUser(ann).Build(), new OrderBuilder().ForUser(bob).Build());
        SignInAs(StaffRoles.Viewer);
        var page = Render<OrdersList>();

        await UserAsync(() => page.Find("#filter-customer").Input(" bob "));
        await UserAsync(() => page.Find("form").Submit());

        Assert.AreEqual("bob", QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query)["customer"].ToString());
        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { ids[1] }, RowIds(page)));

        await UserAsync(() => page.Find("#filter-customer").Input(""));
        await UserAsync(() => page.Find("form").Submit());

        Assert.IsFalse(QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query).ContainsKey("customer"));
        page.WaitForAssertion(() => Assert.HasCount(2, RowIds(page)));
    }

    [TestMethod]
    public void A_customer_longer_than_an_email_shows_the_services_message()
    {
        SignInAs(StaffRoles.Viewer);
        NavigateTo($"/orders?customer={new string('a', 255)}");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[role=alert]").TextContent, UserSearch.PrefixTooLong));
        Assert.IsEmpty(page.FindAll("table"));
    }

    [TestMethod]
    [DataRow("amount", new[] { 1, 2, 3 }, "ascending")]
    [DataRow("-amount", new[] { 3, 2, 1 }, "descending")]
    public async Task The_sort_in_the_address_orders_the_grid(string sort, int[] expectedAmounts, string ariaSort)
    {
        var user = new UserBuilder().Build();
        await AddAsync(
            new OrderBuilder().ForUser(user).WithAmount(2m).Build(),
            new OrderBuilder().ForUser(user).WithAmount(3m).Build(),
            new OrderBuilder().ForUser(user).WithAmount(1m).Build());
        SignInAs(StaffRoles.Viewer);
        NavigateTo($"/orders?sort={sort}");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(
            expectedAmounts.Select(a => $"{a}.00 USD").ToArray(),
            page.FindAll("tbody td.text-end").Select(c => c.TextContent).ToArray()));
        var amountHeader = page.FindAll("th").Single(th => th.TextContent.StartsWith("Amount", StringComparison.Ordinal));
        Assert.AreEqual(ariaSort, amountHeader.GetAttribute("aria-sort"));
    }

    [TestMethod]
    public async Task Page_and_page_size_in_the_address_show_that_slice_in_a_stable_order()
    {
        var user = new UserBuilder().Build();
        // Same creation time for all: the id breaks the tie, so pages never overlap.
        var ids = await AddAsync([.. Enumerable.Range(0, 5).Select(_ => new OrderBuilder().ForUser(user).Build())]);
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?pageSize=2&page=2");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { ids[2], ids[1] }, RowIds(page)));
        StringAssert.Contains(page.Find("nav[aria-label='Order pages']").TextContent, "Page 2 of 3 (5 orders)");
        StringAssert.Contains(page.Find("a[rel=next]").GetAttribute("href"), "page=3");
        StringAssert.Contains(page.Find("a[rel=prev]").GetAttribute("href"), "page=1");
    }

    [TestMethod]
    public async Task Applying_the_filter_form_puts_the_filters_in_the_address_and_starts_at_page_one()
    {
        var user = new UserBuilder().Build();
        var ids = await AddAsync(
            Created(new OrderBuilder().ForUser(user).Build(), "2026-03-02T08:00"),
            Created(new OrderBuilder().ForUser(user).InStatus(OrderStatus.Cancelled).Build(), "2026-03-02T09:00"),
            Created(new OrderBuilder().ForUser(user).Build(), "2026-03-05T08:00"));
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?sort=amount&page=2");
        var page = Render<OrdersList>();

        await UserAsync(() => page.Find("#filter-status").Change("pending"));
        await UserAsync(() => page.Find("#filter-user").Change(user.Id.ToString(CultureInfo.InvariantCulture)));
        await UserAsync(() => page.Find("#filter-from").Change("2026-03-01"));
        await UserAsync(() => page.Find("#filter-to").Change("2026-03-03"));
        await UserAsync(() => page.Find("form").Submit());

        var query = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        Assert.AreEqual("pending", query["status"].ToString());
        Assert.AreEqual(user.Id.ToString(CultureInfo.InvariantCulture), query["userId"].ToString());
        Assert.AreEqual("2026-03-01", query["from"].ToString());
        Assert.AreEqual("2026-03-03", query["to"].ToString());
        Assert.AreEqual("amount", query["sort"].ToString(), "the sort stays");
        Assert.IsFalse(query.ContainsKey("page"), "a new filter starts at the first page");
        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { ids[0] }, RowIds(page)));
    }

    [TestMethod]
    public async Task Sort_and_page_links_keep_the_filters_applied_after_the_page_was_shown()
    {
        var user = new UserBuilder().Build();
        await AddAsync([.. Enumerable.Range(0, 3).Select(_ => new OrderBuilder().ForUser(user).Build())]);
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?pageSize=1");
        var page = Render<OrdersList>();
        page.WaitForAssertion(() => Assert.HasCount(1, RowIds(page)));

        await UserAsync(() => page.Find("#filter-status").Change("pending"));
        await UserAsync(() => page.Find("form").Submit());

        page.WaitForAssertion(() =>
        {
            var sortLink = page.FindAll("th a").Single(a => a.TextContent.StartsWith("Amount", StringComparison.Ordinal)).GetAttribute("href")!;
            StringAssert.Contains(sortLink, "status=pending");
            StringAssert.Contains(sortLink, "sort=amount");
            StringAssert.Contains(page.Find("a[rel=next]").GetAttribute("href"), "status=pending");
        });
    }

    [TestMethod]
    public void Export_csv_downloads_exactly_the_current_filters_and_sort_without_paging()
    {
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?status=pending&userId=7&from=2026-03-02&to=2026-03-03&sort=-amount&page=2&pageSize=10");

        var page = Render<OrdersList>();

        var link = page.WaitForElement("a[download]");
        Assert.AreEqual("Export CSV", link.TextContent);
        var href = link.GetAttribute("href")!;
        Assert.IsTrue(href.StartsWith("orders/export.csv?", StringComparison.Ordinal), href);
        var query = QueryHelpers.ParseQuery(href[href.IndexOf('?', StringComparison.Ordinal)..]);
        CollectionAssert.AreEquivalent(new[] { "status", "userId", "from", "to", "sort" }, query.Keys.ToArray());
        Assert.AreEqual("pending", query["status"].ToString());
        Assert.AreEqual("7", query["userId"].ToString());
        Assert.AreEqual("2026-03-02T00:00:00.0000000Z", query["from"].ToString());
        Assert.AreEqual("2026-03-03T23:59:59.9999999Z", query["to"].ToString(), "the to day is included whole, as in the grid");
        Assert.AreEqual("-amount", query["sort"].ToString());
    }

    [TestMethod]
    public void Without_filters_the_export_is_every_order_in_the_default_order()
    {
        SignInAs(StaffRoles.Viewer);

        var page = Render<OrdersList>();

        Assert.AreEqual("orders/export.csv?sort=-createdAt", page.WaitForElement("a[download]").GetAttribute("href"));
    }

    [TestMethod]
    public async Task From_after_to_shows_the_services_message_and_no_grid()
    {
        await AddAsync(new OrderBuilder().Build());
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?from=2026-03-05&to=2026-03-01");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[role=alert]").TextContent, OrderQuery.FromAfterTo));
        Assert.AreEqual("true", page.Find("#filter-from").GetAttribute("aria-invalid"));
        Assert.IsEmpty(page.FindAll("table"));
        Assert.IsEmpty(page.FindAll("a[download]"), "an export of an invalid filter would only fail");
    }

    [TestMethod]
    public async Task Out_of_range_paging_and_an_unknown_sort_show_the_services_messages()
    {
        await AddAsync(new OrderBuilder().Build());
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?page=0&pageSize=500&sort=name");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("[role=alert]")));
        var alert = page.Find("[role=alert]").TextContent;
        StringAssert.Contains(alert, ListRules.PageInvalid);
        StringAssert.Contains(alert, ListRules.PageSizeInvalid);
        StringAssert.Contains(alert, ListRules.SortInvalid(OrderQuery.SortFields));
    }

    [TestMethod]
    public async Task Values_that_cannot_be_read_are_ignored_and_named()
    {
        var ids = await AddAsync(new OrderBuilder().Build(), new OrderBuilder().InStatus(OrderStatus.Delivered).Build());
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?status=lost&userId=abc&from=yesterday&to=2026-13-45&page=two&pageSize=many");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => CollectionAssert.AreEquivalent(ids, RowIds(page)));
        StringAssert.Contains(page.Find("p[role=status]").TextContent, "status, userId, from, to, page, pageSize");
        Assert.AreEqual("", page.Find("#filter-status").GetAttribute("value"));
    }

    [TestMethod]
    public async Task No_matching_orders_says_so()
    {
        await AddAsync(new OrderBuilder().Build());
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?status=delivered");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => Assert.AreEqual("No orders match these filters.", page.Find("p[role=status]").TextContent));
        Assert.IsEmpty(page.FindAll("table"));
    }

    [TestMethod]
    public void An_unknown_user_in_the_filter_is_named()
    {
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?userId=999");

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => Assert.AreEqual("No user has the id 999.", page.Find("[data-testid=user-filter]").TextContent));
    }

    [TestMethod]
    public void Shows_a_loading_state_until_the_orders_arrive()
    {
        var slow = new BlockingFactory(Database);
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(slow);
        SignInAs(StaffRoles.Viewer);

        var page = Render<OrdersList>();

        Assert.AreEqual("Loading orders…", page.Find("p[role=status]").TextContent);
        slow.Release();
        page.WaitForAssertion(() => Assert.AreEqual("No orders match these filters.", page.Find("p[role=status]").TextContent));
    }

    [TestMethod]
    public void A_failing_database_shows_a_plain_error_not_a_stack_trace()
    {
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(new BrokenFactory());
        SignInAs(StaffRoles.Viewer);

        var page = Render<OrdersList>();

        page.WaitForAssertion(() => Assert.AreEqual(
            "The orders could not be loaded. Try again in a moment.", page.Find("[role=alert]").TextContent));
        Assert.DoesNotContain("Exception", page.Markup);
    }

    [TestMethod]
    public async Task An_order_created_elsewhere_appears_without_reload()
    {
        var user = new UserBuilder().Build();
        var ids = await AddAsync(new OrderBuilder().ForUser(user).Build());
        SignInAs(StaffRoles.Viewer);
        var page = Render<OrdersList>();
        page.WaitForAssertion(() => CollectionAssert.AreEqual(ids, RowIds(page)));

        Time.Advance(TimeSpan.FromMinutes(1));
        var created = await new OrdersService(Database, Time, Changes).CreateAsync(user.Id, 5m, "GBP", "agent@example.com");

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { created.Id, ids[0] }, RowIds(page)));
    }

    [TestMethod]
    public async Task A_status_change_elsewhere_drops_the_order_from_a_filtered_grid()
    {
        var ids = await AddAsync(new OrderBuilder().Build(), new OrderBuilder().Build());
        SignInAs(StaffRoles.Viewer);
        NavigateTo("/orders?status=pending");
        var page = Render<OrdersList>();
        page.WaitForAssertion(() => Assert.HasCount(2, RowIds(page)));

        await MoveAsSomeoneElseAsync(ids[0], OrderStatus.Cancelled, "agent@example.com");

        page.WaitForAssertion(() => CollectionAssert.AreEqual(new[] { ids[1] }, RowIds(page)));
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private void NavigateTo(string uri) => Navigation.NavigateTo(uri);

    private static int[] RowIds(IRenderedComponent<OrdersList> page) =>
        [.. page.FindAll("tbody tr").Select(r => int.Parse(r.GetAttribute("data-order-id")!, CultureInfo.InvariantCulture))];

    private static Order Created(Order order, string at)
    {
        order.CreatedAt = DateTime.SpecifyKind(DateTime.Parse(at, CultureInfo.InvariantCulture), DateTimeKind.Utc);
        order.UpdatedAt = order.CreatedAt;
        return order;
    }

    /// <summary>A database that is down.</summary>
    private sealed class BrokenFactory : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => throw new InvalidOperationException("The database is unreachable.");
    }

    /// <summary>A database that answers only when the test says so.</summary>
    private sealed class BlockingFactory(TestDatabase database) : IDbContextFactory<AppDbContext>
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public AppDbContext CreateDbContext() => database.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            await _released.Task.WaitAsync(cancellationToken);
            return database.CreateDbContext();
        }
    }
}
