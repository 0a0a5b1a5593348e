using AdminPortal.Components.Pages;
using AdminPortal.Components.Pages.Orders;
using AdminPortal.Components.Pages.Users;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Components.Pages.Users;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AdminPortal.Tests.Reliability;

/// <summary>
/// Names and reasons that are markup and script are valid input (the API stores them verbatim);
/// every page that shows them shows their text and creates no element from them.
/// </summary>
[TestClass]
[TestCategory(Reliability.Category)]
public sealed class HostileMarkupTests : UserPageTest
{
    public static IEnumerable<object[]> Payloads() =>
    [
        ["<script>alert('owned')</script>"],
        ["<img src=x onerror=alert(1)>"],
        ["\"><svg onload=alert(1)>"],
        ["<a href=\"javascript:alert(1)\">click</a>"],
    ];

    [TestMethod]
    [DynamicData(nameof(Payloads))]
    public async Task The_users_list_shows_a_hostile_name_as_text(string payload)
    {
        await AddAsync(new UserBuilder().Named(payload).Build());
        SignInAs(StaffRoles.Viewer);

        var page = Render<UsersList>();

        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("tbody tr")));
        AssertShownAsText(page, payload);
    }

    [TestMethod]
    [DynamicData(nameof(Payloads))]
    public async Task The_user_page_shows_a_hostile_name_as_text(string payload)
    {
        var user = await AddAsync(new UserBuilder().Named(payload).Build());
        await AddAsync(new OrderBuilder().ForUser(user).Build());
        SignInAs(StaffRoles.Agent);

        var page = Render<UserDetail>(p => p.Add(x => x.Id, user.Id));

        page.WaitForAssertion(() => Assert.AreEqual(payload, page.Find("h1").TextContent));
        AssertShownAsText(page, payload);
    }

    [TestMethod]
    [DynamicData(nameof(Payloads))]
    public async Task The_orders_list_and_the_dashboard_show_a_hostile_customer_name_and_email_as_text(string payload)
    {
        // The list writes each row as one encoded string: both the name and the email go through it.
        await AddAsync(new OrderBuilder().ForUser(new UserBuilder().Named(payload).WithEmail($"{payload}@example.com").Build()).Build());
        SignInAs(StaffRoles.Viewer);

        var list = Render<OrdersList>();
        list.WaitForAssertion(() => Assert.HasCount(1, list.FindAll("tbody tr")));
        AssertShownAsText(list, payload, times: 2);

        var dashboard = Render<Dashboard>();
        dashboard.WaitForAssertion(() => AssertShownAsText(dashboard, payload));
    }

    [TestMethod]
    [DynamicData(nameof(Payloads))]
    public async Task The_order_page_shows_a_hostile_customer_name_and_history_reason_as_text(string payload)
    {
        var order = new OrderBuilder().ForUser(new UserBuilder().Named(payload).Build()).InStatus(OrderStatus.Cancelled).Build();
        order.History.Last().Reason = payload;
        order = await AddAsync(order);
        SignInAs(StaffRoles.Viewer);

        var page = Render<OrderDetail>(p => p.Add(x => x.Id, order.Id));

        page.WaitForAssertion(() => Assert.AreEqual($"Order #{order.Id}", page.Find("h1").TextContent));
        AssertShownAsText(page, payload, times: 2);
    }

    /// <summary>The payload is in the text exactly (as many times as it is shown) and no element came of it.</summary>
    private static void AssertShownAsText<T>(IRenderedComponent<T> page, string payload, int times = 1)
        where T : IComponent
    {
        var text = string.Concat(page.Nodes.Select(n => n.TextContent));
        Assert.IsGreaterThanOrEqualTo(times, Occurrences(text, payload), $"the text shows the input as typed:\n{page.Markup}");
        // The dashboard's own chart is the one SVG a page may hold; any other came from the input.
        Assert.IsEmpty(page.FindAll("script, img, svg:not(.orders-per-day-chart), iframe, a[href^='javascript']"), page.Markup);
        Assert.IsFalse(page.FindAll("*").Any(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))), "no event handler attribute came from the input");
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
