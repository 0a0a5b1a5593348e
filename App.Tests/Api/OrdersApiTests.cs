using System.Globalization;
using System.Net;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>The orders, history and payments rows of docs/contract.md §7, each success and each listed error.</summary>
[TestClass]
public sealed class OrdersApiTests
{
    [TestMethod]
    public async Task Creating_an_order_answers_201_pending_with_location_etag_and_allowed_transitions()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();

        var order = (await api.PostAsync("/api/orders", new { userId = user.Id, amount = 12.5m })).Is(HttpStatusCode.Created);

        Assert.AreEqual($"/api/orders/{order.Id}", order.Headers.Location?.OriginalString);
        Assert.AreEqual("\"1\"", order.ETag);
        Assert.AreEqual(("pending", "USD", 12.5m), (order.String("status"), order.String("currency"), order.Body.GetProperty("amount").GetDecimal()));
        CollectionAssert.AreEqual(new[] { "processing", "cancelled" }, Statuses(order.Body.GetProperty("allowedTransitions")));
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, order.Body.GetProperty("paymentTransactionId").ValueKind);
    }

    [TestMethod]
    [DataRow("EUR")]
    [DataRow("GBP")]
    [DataRow("USD")]
    public async Task An_order_keeps_the_currency_it_was_created_in(string currency)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();

        var order = await api.CreateOrderAsync(user.Id, 10m, currency);

        Assert.AreEqual(currency, order.String("currency"));
        Assert.AreEqual(currency, (await api.GetAsync($"/api/orders/{order.Id}")).Is(HttpStatusCode.OK).String("currency"));
    }

    [TestMethod]
    public async Task The_creation_is_the_first_history_entry_made_by_the_tokens_staff_member()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var agent = await ApiClient.StaffAsync(portal, email);
        var user = await agent.CreateUserAsync();
        var order = await agent.CreateOrderAsync(user.Id);

        var history = (await agent.GetAsync($"/api/orders/{order.Id}/history")).Is(HttpStatusCode.OK).Body;

        Assert.AreEqual(1, history.GetArrayLength());
        Assert.AreEqual(email, history[0].GetProperty("changedBy").GetString());
    }

    [TestMethod]
    [DataRow(0, "amount")]
    [DataRow(-1, "amount")]
    [DataRow(1000000.01, "amount")]
    [DataRow(0.001, "amount")]
    [DataRow(12.345, "amount")]
    public async Task Creating_an_order_with_a_bad_amount_answers_400_naming_amount(double amount, string field)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();

        (await api.PostAsync("/api/orders", $$"""{"userId":{{user.Id}},"amount":{{amount.ToString("R", CultureInfo.InvariantCulture)}}}""")).Problem(HttpStatusCode.BadRequest, field);
    }

    [TestMethod]
    public async Task The_largest_and_smallest_amounts_are_accepted()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();

        Assert.AreEqual(1000000m, (await api.CreateOrderAsync(user.Id, 1000000m)).Body.GetProperty("amount").GetDecimal());
        Assert.AreEqual(0.01m, (await api.CreateOrderAsync(user.Id, 0.01m)).Body.GetProperty("amount").GetDecimal());
    }

    [TestMethod]
    public async Task Creating_an_order_for_an_unknown_user_answers_400_naming_user_id()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        (await api.PostAsync("/api/orders", new { userId = 4242, amount = 5m })).Problem(HttpStatusCode.BadRequest, "userId");
    }

    [TestMethod]
    [DataRow("usd")]
    [DataRow("JPY")]
    [DataRow("US Dollar")]
    public async Task Creating_an_order_in_an_unknown_currency_answers_400_naming_currency(string currency)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();

        (await api.PostAsync("/api/orders", new { userId = user.Id, amount = 5m, currency })).Problem(HttpStatusCode.BadRequest, "currency");
    }

    [TestMethod]
    public async Task Creating_an_order_for_a_suspended_user_answers_409()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var suspended = await portal.AddUserAsync(new UserBuilder().Suspended());
        using var api = await ApiClient.AdminAsync(portal);

        var problem = (await api.PostAsync("/api/orders", new { userId = suspended.Id, amount = 5m })).Problem(HttpStatusCode.Conflict);

        Assert.AreEqual(OrderRules.UserSuspended, problem.GetProperty("detail").GetString());
    }

    [TestMethod]
    [DataRow(OrderStatus.Pending, new[] { "processing", "cancelled" })]
    [DataRow(OrderStatus.Processing, new[] { "shipped", "cancelled" })]
    [DataRow(OrderStatus.Shipped, new[] { "delivered" })]
    [DataRow(OrderStatus.Delivered, new string[0])]
    [DataRow(OrderStatus.Cancelled, new string[0])]
    public async Task Reading_an_order_names_the_transitions_its_status_allows(OrderStatus status, string[] allowed)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var user = await portal.AddUserAsync(new UserBuilder());
        var stored = await portal.AddOrderAsync(user.Id, new OrderBuilder().InStatus(status));
        using var api = await ApiClient.AdminAsync(portal);

        var order = (await api.GetAsync($"/api/orders/{stored.Id}")).Is(HttpStatusCode.OK);

        Assert.AreEqual(status.ToString().ToLowerInvariant(), order.String("status"));
        CollectionAssert.AreEqual(allowed, Statuses(order.Body.GetProperty("allowedTransitions")));
    }

    [TestMethod]
    public async Task An_unknown_order_answers_404_on_every_route()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        (await api.GetAsync("/api/orders/999")).Problem(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/orders/999/history")).Problem(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/orders/999/payments")).Problem(HttpStatusCode.NotFound);
        (await api.MoveAsync(999, "processing")).Problem(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task The_list_filters_by_status_user_and_creation_range()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var ann = await portal.AddUserAsync(new UserBuilder().Named("Ann"));
        var bob = await portal.AddUserAsync(new UserBuilder().Named("Bob"));
        var shipped = await portal.AddOrderAsync(ann.Id, new OrderBuilder().InStatus(OrderStatus.Shipped));
        var pending = await portal.AddOrderAsync(bob.Id, new OrderBuilder());
        using var api = await ApiClient.AdminAsync(portal);
        var recent = await api.CreateOrderAsync(ann.Id);

        CollectionAssert.AreEqual(new[] { shipped.Id }, await IdsAsync(api, "status=shipped"));
        CollectionAssert.AreEquivalent(new[] { shipped.Id, recent.Id }, await IdsAsync(api, $"userId={ann.Id}"));
        // The builders' orders were created on 2026-01-02; the API's now.
        CollectionAssert.AreEquivalent(new[] { shipped.Id, pending.Id }, await IdsAsync(api, "from=2026-01-02&to=2026-01-02T00:00:00Z"));
        CollectionAssert.AreEqual(new[] { recent.Id }, await IdsAsync(api, "from=2026-01-03"));
        CollectionAssert.AreEquivalent(new[] { shipped.Id, pending.Id }, await IdsAsync(api, "to=2026-01-02T01:00:00%2B01:00"));
        var page = (await api.GetAsync($"/api/orders?userId={ann.Id}")).Is(HttpStatusCode.OK).Body.GetProperty("items")[0];
        Assert.AreEqual(("Ann", ann.Email), (page.GetProperty("userName").GetString(), page.GetProperty("userEmail").GetString()));
    }

    [TestMethod]
    [DataRow("customer=Ann", new[] { "ann" }, DisplayName = "name prefix")]
    [DataRow("customer=aNN%20l", new[] { "ann" }, DisplayName = "name prefix in another case, with its space")]
    [DataRow("customer=billing.", new[] { "bob" }, DisplayName = "email prefix")]
    [DataRow("customer=BILLING.BOB@EXAMPLE.COM", new[] { "bob" }, DisplayName = "whole email in capitals")]
    [DataRow("customer=b", new[] { "bob", "cy" }, DisplayName = "one user's name and another's email")]
    [DataRow("customer=%20%20ann%20%20", new[] { "ann" }, DisplayName = "surrounding spaces are trimmed")]
    [DataRow("customer=nobody", new string[0], DisplayName = "no match")]
    [DataRow("customer=Ray", new string[0], DisplayName = "a surname is not the start of the name")]
    [DataRow("customer=", new[] { "ann", "bob", "cy" }, DisplayName = "blank is no filter")]
    [DataRow("customer=%25", new string[0], DisplayName = "a LIKE wildcard is matched as itself")]
    public async Task The_customer_filter_matches_the_start_of_the_name_or_email_ignoring_case(string query, string[] expected)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var ann = await portal.AddUserAsync(new UserBuilder().Named("Ann Lee").WithEmail("lee.ann@example.com"));
        var bob = await portal.AddUserAsync(new UserBuilder().Named("Bob Ray").WithEmail("billing.bob@example.com"));
        var cy = await portal.AddUserAsync(new UserBuilder().Named("Cy Young").WithEmail("b.cy@example.com"));
        var orders = new Dictionary<string, int>
        {
            ["ann"] = (await portal.AddOrderAsync(ann.Id, new OrderBuilder())).Id,
            ["bob"] = (await portal.AddOrderAsync(bob.Id, new OrderBuilder())).Id,
            ["cy"] = (await portal.AddOrderAsync(cy.Id, new OrderBuilder())).Id,
        };
        using var api = await ApiClient.AdminAsync(portal);

        var page = (await api.GetAsync($"/api/orders?{query}")).Is(HttpStatusCode.OK).Body;

        CollectionAssert.AreEquivalent(expected.Select(name => orders[name]).ToArray(), Ids(page));
        Assert.AreEqual(expected.Length, page.GetProperty("totalCount").GetInt32());
    }

    [TestMethod]
    public async Task The_customer_filter_combines_with_status_dates_sort_and_paging()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var ann = await portal.AddUserAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com"));
        var andy = await portal.AddUserAsync(new UserBuilder().Named("Andy Roe").WithEmail("roe@example.com"));
        var bob = await portal.AddUserAsync(new UserBuilder().Named("Bob Ray").WithEmail("bob@example.com"));
        var annShipped = await portal.AddOrderAsync(ann.Id, new OrderBuilder().InStatus(OrderStatus.Shipped).WithAmount(30m));
        var andyShipped = await portal.AddOrderAsync(andy.Id, new OrderBuilder().InStatus(OrderStatus.Shipped).WithAmount(10m));
        var andyCheap = await portal.AddOrderAsync(andy.Id, new OrderBuilder().InStatus(OrderStatus.Shipped).WithAmount(20m));
        await portal.AddOrderAsync(ann.Id, new OrderBuilder());
        await portal.AddOrderAsync(bob.Id, new OrderBuilder().InStatus(OrderStatus.Shipped));
        using var api = await ApiClient.AdminAsync(portal);

        CollectionAssert.AreEqual(
            new[] { andyShipped.Id, andyCheap.Id, annShipped.Id },
            await IdsAsync(api, "customer=an&status=shipped&sort=amount"));
        CollectionAssert.AreEqual(new[] { annShipped.Id }, await IdsAsync(api, "customer=an&status=shipped&sort=amount&pageSize=1&page=3"));
        CollectionAssert.AreEqual(new[] { annShipped.Id }, await IdsAsync(api, $"customer=an&status=shipped&userId={ann.Id}"));
        // The builders' orders were created on 2026-01-02.
        Assert.HasCount(0, await IdsAsync(api, "customer=an&from=2026-01-03"));
        Assert.HasCount(4, await IdsAsync(api, "customer=an&from=2026-01-02&to=2026-01-02T23:59:59Z"));
    }

    [TestMethod]
    [DataRow("amount", new[] { 1, 2, 3 })]
    [DataRow("-amount", new[] { 3, 2, 1 })]
    [DataRow("status", new[] { 1, 2, 3 })]
    [DataRow("-createdAt", new[] { 3, 2, 1 })]
    [DataRow("createdAt", new[] { 1, 2, 3 })]
    public async Task The_list_sorts_by_each_allowed_field(string sort, int[] expectedOrder)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        // 1: 9.00 cancelled; 2: 20.00 pending; 3: 100.00 processing. Amounts of different lengths
        // catch a text comparison; statuses sort by their names, as they are stored.
        int[] ids = [(await api.CreateOrderAsync(user.Id, 9m)).Id, (await api.CreateOrderAsync(user.Id, 20m)).Id, (await api.CreateOrderAsync(user.Id, 100m)).Id];
        (await api.MoveAsync(ids[0], "cancelled")).Is(HttpStatusCode.OK);
        (await api.MoveAsync(ids[2], "processing")).Is(HttpStatusCode.OK);

        var sorted = await IdsAsync(api, $"sort={sort}");

        CollectionAssert.AreEqual(expectedOrder.Select(n => ids[n - 1]).ToArray(), sorted);
    }

    [TestMethod]
    public async Task The_list_pages()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var user = await portal.AddUserAsync(new UserBuilder());
        for (var i = 0; i < 5; i++)
        {
            await portal.AddOrderAsync(user.Id, new OrderBuilder().WithAmount(i + 1));
        }

        using var api = await ApiClient.AdminAsync(portal);

        var page = (await api.GetAsync("/api/orders?page=3&pageSize=2&sort=amount")).Is(HttpStatusCode.OK).Body;

        Assert.AreEqual((3, 2, 5, 1), (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32(), page.GetProperty("totalCount").GetInt32(), page.GetProperty("items").GetArrayLength()));
        Assert.AreEqual(5m, page.GetProperty("items")[0].GetProperty("amount").GetDecimal());
    }

    [TestMethod]
    [DataRow("page=0", "page")]
    [DataRow("page=x", "page")]
    [DataRow("pageSize=101", "pageSize")]
    [DataRow("pageSize=0", "pageSize")]
    [DataRow("pageSize=", null)]
    [DataRow("sort=userId", "sort")]
    [DataRow("sort=-", "sort")]
    [DataRow("status=paid", "status")]
    [DataRow("status=PENDING,shipped", "status")]
    [DataRow("userId=abc", "userId")]
    [DataRow("userId=99999999999", "userId")]
    [DataRow("from=not-a-date", "from")]
    [DataRow("to=2026-13-01", "to")]
    [DataRow("from=2026-02-01&to=2026-01-01", "from")]
    [DataRow("customer=" + TooLongCustomer, "customer")]
    public async Task A_bad_list_parameter_answers_400_naming_it(string query, string? parameter)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        var response = await api.GetAsync($"/api/orders?{query}");

        if (parameter is null)
        {
            // An empty value means "not given".
            response.Is(HttpStatusCode.OK);
            return;
        }

        response.Problem(HttpStatusCode.BadRequest, parameter);
    }

    [TestMethod]
    public async Task Payments_are_empty_until_the_first_charge_attempt()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id);

        var payments = (await api.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body;

        Assert.AreEqual(0, payments.GetArrayLength());
    }

    /// <summary>255 characters: one more than an email can have.</summary>
    private const string TooLongCustomer =
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static async Task<int[]> IdsAsync(ApiClient api, string query) =>
        Ids((await api.GetAsync($"/api/orders?{query}")).Is(HttpStatusCode.OK).Body);

    private static int[] Ids(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).ToArray();

    private static string[] Statuses(System.Text.Json.JsonElement array) =>
        array.EnumerateArray().Select(s => s.GetString()!).ToArray();
}
