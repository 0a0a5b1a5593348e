using System.Globalization;
using AdminPortal.Components.Pages;
using AdminPortal.Features.Orders;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Dom;
using Bunit;

namespace AdminPortal.Tests.Components.Pages;

[TestClass]
public sealed class OrdersPerDayChartTests : ComponentTest
{
    private static readonly DateOnly First = new(2026, 5, 3);

    [TestMethod]
    public void Draws_one_bar_per_day_oldest_first_scaled_to_the_busiest_day()
    {
        var chart = Render<OrdersPerDayChart>(p => p.Add(c => c.Days, Days((4, 4), (9, 8), (29, 1))));

        var bars = chart.FindAll("svg rect.bar");
        Assert.HasCount(30, bars);
        CollectionAssert.AreEqual(Enumerable.Range(0, 30).Select(i => Iso(First.AddDays(i))).ToArray(), bars.Select(b => b.GetAttribute("data-day")).ToArray());
        var lefts = bars.Select(b => Number(b, "x")).ToArray();
        CollectionAssert.AreEqual(lefts.Order().ToArray(), lefts, "left to right, oldest first");
        Assert.IsGreaterThan(0, Number(bars[9], "height"));
        Assert.AreEqual(Number(bars[9], "height") / 2, Number(bars[4], "height"), 0.1, "half the orders, half the height");
        Assert.AreEqual(Number(bars[9], "y") + Number(bars[9], "height"), Number(bars[4], "y") + Number(bars[4], "height"), 0.1, "bars stand on one baseline");
        Assert.AreEqual(0, Number(bars[0], "height"), "a day without orders has no bar");
        Assert.IsGreaterThanOrEqualTo(1, Number(bars[29], "height"), "a day with one order still shows");
        Assert.AreEqual("2026-05-12: 8 orders", bars[9].QuerySelector("title")!.TextContent);
    }

    [TestMethod]
    public void The_image_is_named_by_a_summary_and_the_table_holds_every_figure()
    {
        var chart = Render<OrdersPerDayChart>(p => p.Add(c => c.Days, Days((4, 4), (9, 8), (29, 1_234))));

        var image = chart.Find("svg[role=img]");
        Assert.AreEqual(
            "Orders created per day (UTC), 2026-05-03 to 2026-06-01: 1,246 in all, at most 1,234 on a day. The figures are in the table that follows.",
            image.GetAttribute("aria-label"));
        var table = chart.Find("table");
        Assert.AreEqual("Orders created per day (UTC), oldest first", table.QuerySelector("caption")!.TextContent);
        var rows = table.QuerySelectorAll("tbody tr").Select(r => (r.QuerySelector("th[scope=row]")!.TextContent, r.QuerySelector("td")!.TextContent)).ToArray();
        Assert.HasCount(30, rows);
        Assert.AreEqual(("2026-05-03", "0"), rows[0]);
        Assert.AreEqual(("2026-05-07", "4"), rows[4]);
        Assert.AreEqual(("2026-05-12", "8"), rows[9]);
        Assert.AreEqual(("2026-06-01", "1,234"), rows[29]);
    }

    [TestMethod]
    public void The_chart_sets_no_style_attribute_for_the_content_security_policy_to_allow() =>
        Assert.IsEmpty(Render<OrdersPerDayChart>(p => p.Add(c => c.Days, Days((0, 3)))).FindAll("[style], script"));

    // 30 days from First: none but the given (index, count) pairs.
    private static IReadOnlyList<OrdersOnDay> Days(params (int Index, int Count)[] counts) =>
    [
        .. Enumerable.Range(0, 30).Select(i => new OrdersOnDay(First.AddDays(i), counts.Where(c => c.Index == i).Sum(c => c.Count))),
    ];

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double Number(IElement element, string attribute) =>
        double.Parse(element.GetAttribute(attribute)!, CultureInfo.InvariantCulture);
}
