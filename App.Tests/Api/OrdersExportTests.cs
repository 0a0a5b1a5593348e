using System.Net;
using AdminPortal.Components.Pages.Orders;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>The CSV export: by the API (bearer) and by the orders page's link (cookie).</summary>
[TestClass]
public sealed class OrdersExportTests
{
    private const string Header = "id,userId,userName,userEmail,amount,currency,status,createdAt,updatedAt";

    [TestMethod]
    public async Task The_export_is_csv_with_a_header_row_and_one_row_per_order_in_the_requested_order()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var user = await portal.AddUserAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com"));
        var cheap = await portal.AddOrderAsync(user.Id, new OrderBuilder().WithAmount(1234.5m, Currency.EUR));
        var dear = await portal.AddOrderAsync(user.Id, new OrderBuilder().WithAmount(99999.99m).InStatus(OrderStatus.Shipped));
        using var api = await ApiClient.AdminAsync(portal);

        var export = (await api.GetAsync("/api/orders/export.csv?sort=amount")).Is(HttpStatusCode.OK);

        Assert.AreEqual("text/csv", export.MediaType);
        CollectionAssert.AreEqual(
            new[]
            {
                Header,
                $"{cheap.Id},{user.Id},Ann Lee,ann@example.com,1234.50,EUR,pending,2026-01-02T00:00:00Z,2026-01-02T00:00:00Z",
                $"{dear.Id},{user.Id},Ann Lee,ann@example.com,99999.99,USD,shipped,2026-01-02T00:00:00Z,2026-01-02T00:00:00Z",
            },
            Lines(export.Text));
        StringAssert.Contains(export.Text, "\r\n", "RFC 4180 line ends");
    }

    [TestMethod]
    public async Task The_export_is_a_download_streamed_without_a_length()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var user = await portal.AddUserAsync(new UserBuilder());
        await portal.AddOrderAsync(user.Id, new OrderBuilder());
        using var api = await ApiClient.AdminAsync(portal);

        using var response = await api.Http.GetAsync("/api/orders/export.csv", HttpCompletionOption.ResponseHeadersRead);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.AreEqual(OrdersCsv.FileName, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.IsNull(response.Content.Headers.ContentLength, "rows are written as they are read, so the length is not known up front");
        Assert.AreEqual("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    [TestMethod]
    public async Task The_export_takes_the_lists_filters()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var ann = await portal.AddUserAsync(new UserBuilder());
        var bob = await portal.AddUserAsync(new UserBuilder());
        var shipped = await portal.AddOrderAsync(ann.Id, new OrderBuilder().InStatus(OrderStatus.Shipped));
        await portal.AddOrderAsync(ann.Id, new OrderBuilder());
        await portal.AddOrderAsync(bob.Id, new OrderBuilder().InStatus(OrderStatus.Shipped));
        using var api = await ApiClient.AdminAsync(portal);

        var export = (await api.GetAsync($"/api/orders/export.csv?status=shipped&userId={ann.Id}&from=2026-01-01&to=2026-01-03")).Is(HttpStatusCode.OK);
        var empty = (await api.GetAsync("/api/orders/export.csv?from=2030-01-01")).Is(HttpStatusCode.OK);

        CollectionAssert.AreEqual(new[] { "id", shipped.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Lines(export.Text).Select(l => l.Split(',')[0]).ToArray());
        CollectionAssert.AreEqual(new[] { Header }, Lines(empty.Text), "no rows, still a header");
    }

    [TestMethod]
    public async Task The_export_takes_the_customer_filter_as_the_list_does()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var ann = await portal.AddUserAsync(new UserBuilder().Named("Ann Lee").WithEmail("lee.ann@example.com"));
        var bob = await portal.AddUserAsync(new UserBuilder().Named("Bob Ray").WithEmail("bob@example.com"));
        var byName = await portal.AddOrderAsync(ann.Id, new OrderBuilder().InStatus(OrderStatus.Shipped));
        await portal.AddOrderAsync(ann.Id, new OrderBuilder());
        await portal.AddOrderAsync(bob.Id, new OrderBuilder().InStatus(OrderStatus.Shipped));
        using var api = await ApiClient.AdminAsync(portal);

        var byNamePrefix = (await api.GetAsync("/api/orders/export.csv?customer=aNN&status=shipped")).Is(HttpStatusCode.OK);
        var byEmailPrefix = (await api.GetAsync("/api/orders/export.csv?customer=LEE.")).Is(HttpStatusCode.OK);
        var none = (await api.GetAsync("/api/orders/export.csv?customer=zed")).Is(HttpStatusCode.OK);

        CollectionAssert.AreEqual(new[] { "id", byName.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Lines(byNamePrefix.Text).Select(l => l.Split(',')[0]).ToArray());
        Assert.HasCount(3, Lines(byEmailPrefix.Text), "the header and Ann's two orders");
        Assert.IsTrue(Lines(byEmailPrefix.Text).Skip(1).All(l => l.Contains("lee.ann@example.com", StringComparison.Ordinal)));
        CollectionAssert.AreEqual(new[] { Header }, Lines(none.Text));
    }

    [TestMethod]
    [DataRow("from=2026-02-01&to=2026-01-01", "from")]
    [DataRow("status=lost", "status")]
    [DataRow("userId=me", "userId")]
    [DataRow("from=yesterday", "from")]
    [DataRow("sort=userName", "sort")]
    public async Task A_bad_export_filter_answers_400_problem_naming_it(string query, string parameter)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        (await api.GetAsync($"/api/orders/export.csv?{query}")).Problem(HttpStatusCode.BadRequest, parameter);
    }

    [TestMethod]
    public async Task Formulas_in_names_are_neutralised_and_commas_and_quotes_quoted()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var formula = await portal.AddUserAsync(new UserBuilder().Named("=HYPERLINK(\"http://evil.test\",\"x\")").WithEmail("f@example.com"));
        var plus = await portal.AddUserAsync(new UserBuilder().Named("+1 555 0100").WithEmail("p@example.com"));
        var comma = await portal.AddUserAsync(new UserBuilder().Named("Lee, Ann \"Annie\"").WithEmail("c@example.com"));
        foreach (var user in new[] { formula, plus, comma })
        {
            await portal.AddOrderAsync(user.Id, new OrderBuilder());
        }

        using var api = await ApiClient.AdminAsync(portal);

        var lines = Lines((await api.GetAsync("/api/orders/export.csv?sort=createdAt")).Is(HttpStatusCode.OK).Text);

        StringAssert.Contains(lines[1], ",\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",f@example.com,");
        StringAssert.Contains(lines[2], ",'+1 555 0100,p@example.com,");
        StringAssert.Contains(lines[3], ",\"Lee, Ann \"\"Annie\"\"\",c@example.com,");
    }

    [TestMethod]
    [DataRow(StaffRoles.Viewer)]
    [DataRow(StaffRoles.Agent)]
    [DataRow(StaffRoles.Admin)]
    public async Task Any_signed_in_staff_member_downloads_the_portal_export_with_the_same_filters(string role)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var user = await portal.AddUserAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com"));
        var order = await portal.AddOrderAsync(user.Id, new OrderBuilder().InStatus(OrderStatus.Delivered));
        await portal.AddOrderAsync(user.Id, new OrderBuilder());
        using var browser = await portal.CreateSignedInClientAsync(await portal.CreateStaffAsync(role), PortalFactory.StaffPassword);
        using var api = await ApiClient.AdminAsync(portal);

        using var response = await browser.GetAsync($"{OrdersApi.PortalExportPath}?status=delivered");
        var fromApi = (await api.GetAsync("/api/orders/export.csv?status=delivered")).Is(HttpStatusCode.OK);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(fromApi.Text, text, "the same writer and filters as the API");
        Assert.HasCount(2, Lines(text));
        StringAssert.StartsWith(Lines(text)[1], $"{order.Id},");
    }

    [TestMethod]
    public async Task The_portal_export_selects_the_rows_of_the_orders_pages_link()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var user = await portal.AddUserAsync(new UserBuilder());
        var onTheDay = await portal.AddOrderAsync(user.Id, new OrderBuilder().WithAmount(5m));
        using var api = await ApiClient.AdminAsync(portal);
        await api.CreateOrderAsync(user.Id);
        using var browser = await portal.CreateSignedInClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var day = new DateOnly(2026, 1, 2);
        var link = new OrderListFilters(null, user.Id, day, day, null, null, null).ExportUrl;

        using var response = await browser.GetAsync("/" + link);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, link);
        var lines = Lines(await response.Content.ReadAsStringAsync());
        Assert.HasCount(2, lines, link);
        StringAssert.StartsWith(lines[1], $"{onTheDay.Id},");
    }

    [TestMethod]
    public async Task The_portal_export_sends_an_anonymous_visitor_to_sign_in()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var response = await client.GetAsync(OrdersApi.PortalExportPath);

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.AbsolutePath, AuthFeature.SignInPath);
    }

    [TestMethod]
    public async Task The_portal_export_answers_a_bad_filter_with_400_naming_it()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var browser = await portal.CreateSignedInClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        using var response = await browser.GetAsync($"{OrdersApi.PortalExportPath}?from=2026-02-01&to=2026-01-01");

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Contracts.AssertValid(Contract.Problem, body.RootElement, "portal export");
        Assert.IsTrue(body.RootElement.GetProperty("errors").TryGetProperty("from", out _));
    }

    private static string[] Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
}
