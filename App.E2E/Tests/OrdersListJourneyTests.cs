using System.Globalization;
using System.Text.RegularExpressions;

namespace AdminPortal.E2E.Tests;

[TestClass]
public sealed class OrdersListJourneyTests : BrowserTest
{
    private const string CsvHeader = "id,userId,userName,userEmail,amount,currency,status,createdAt,updatedAt";

    [TestMethod]
    public async Task A_deep_link_with_filters_restores_the_filter_controls_and_the_rows()
    {
        var orders = new OrdersPage(Page);
        await SignInAsync(Portal.Admin);

        await orders.GotoAsync("?status=shipped&sort=-amount");

        await Expect(orders.Status).ToHaveValueAsync("shipped");
        await Expect(orders.Orders.ColumnHeader("Amount")).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(orders.Orders.Rows.First).ToBeVisibleAsync();
        await Expect(orders.Orders.Rows.Filter(new() { HasNotText = "Shipped" })).ToHaveCountAsync(0);
        var total = await TotalAsync(orders);
        await Expect(orders.Orders.Rows).ToHaveCountAsync(Math.Min(total, 25));
        var amounts = (await orders.Orders.ColumnAsync("Amount")).Select(Amount).ToList();
        CollectionAssert.AreEqual(amounts.OrderDescending().ToList(), amounts, "rows by amount, largest first: " + string.Join(", ", amounts));
    }

    [TestMethod]
    public async Task Exporting_CSV_downloads_exactly_the_filtered_rows()
    {
        var orders = new OrdersPage(Page);
        await SignInAsync(Portal.Admin);
        await orders.GotoAsync();

        await orders.FilterByStatusAsync("shipped");
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]status=shipped(&|$)"));
        await Expect(orders.Orders.Rows.Filter(new() { HasNotText = "Shipped" })).ToHaveCountAsync(0);
        var total = await TotalAsync(orders);
        await Expect(orders.Orders.Rows).ToHaveCountAsync(Math.Min(total, 25));
        var shown = (await orders.Orders.ColumnAsync("Order")).Select(cell => Regex.Match(cell, @"#(\d+)").Groups[1].Value).ToList();

        var download = await orders.ExportAsync();

        var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).ToList();
        Assert.AreEqual(CsvHeader, lines[0]);
        var rows = lines.Skip(1).Select(ParseCsvLine).ToList();
        Assert.HasCount(total, rows, "one row per order the filter matches");
        var status = CsvHeader.Split(',').ToList().IndexOf("status");
        Assert.IsTrue(rows.All(r => r[status] == "shipped"), "every row is shipped: " + string.Join(" | ", rows.Where(r => r[status] != "shipped").Select(r => string.Join(',', r))));
        CollectionAssert.AreEqual(shown, rows.Take(shown.Count).Select(r => r[0]).ToList(), "the file lists the orders in the grid's order");
    }

    [TestMethod]
    public async Task The_customer_field_is_used_with_the_keyboard_alone()
    {
        var first = await Api.CreateUserAsync("Zyxa Keyboard", "zyxa.keys@example.com");
        var second = await Api.CreateUserAsync("Zyxb Keyboard", "zyxb.keys@example.com");
        await Api.CreateOrderAsync(first, 11.00m);
        await Api.CreateOrderAsync(second, 22.00m);
        await Api.CreateOrderAsync(second, 33.00m);
        var orders = new OrdersPage(Page);
        await SignInAsync(Portal.Admin);
        await orders.GotoAsync();

        // No delay between keys: they reach the circuit faster than its renders come back, which
        // is where a field that writes its value back loses a key.
        await orders.Customer.PressSequentiallyAsync("ZYX");
        await Expect(orders.Customer).ToHaveValueAsync("ZYX");
        await Expect(orders.CustomerOptions).ToHaveCountAsync(2);
        await Expect(orders.Customer).ToHaveAttributeAsync("aria-expanded", "true");
        await Page.Keyboard.PressAsync("ArrowDown");
        await Page.Keyboard.PressAsync("ArrowDown");
        await Expect(orders.CustomerOptions.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        var active = await orders.CustomerOptions.Nth(1).GetAttributeAsync("id");
        await Expect(orders.Customer).ToHaveAttributeAsync("aria-activedescendant", active!);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]customer=zyxb\.keys(%40|@)example\.com(&|$)"));
        await Expect(orders.Customer).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(orders.Orders.Rows).ToHaveCountAsync(2);
        await Expect(orders.Orders.Rows.Filter(new() { HasNotText = "zyxb.keys@example.com" })).ToHaveCountAsync(0);

        // Escape closes the list; on a closed list it clears the field, and Enter applies that.
        await Page.Keyboard.TypeAsync("x");
        await Expect(orders.CustomerOptions).ToHaveCountAsync(0);
        await Page.Keyboard.PressAsync("Escape");
        await Expect(orders.Customer).ToHaveValueAsync("");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).Not.ToHaveURLAsync(new Regex("customer="));
        await Expect(orders.Orders.Rows).ToHaveCountAsync(25);
    }

    /// <summary>The number of matching orders, from the pager ("Page 1 of 2 (36 orders)").</summary>
    private static async Task<int> TotalAsync(OrdersPage orders)
    {
        await Expect(orders.Pager).ToContainTextAsync(new Regex(@"\([\d,]+ orders\)"));
        var text = await orders.Pager.InnerTextAsync();
        return int.Parse(Regex.Match(text, @"\(([\d,]+) orders\)").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    /// <summary>"1,234.56 EUR" as shown in the grid.</summary>
    private static decimal Amount(string cell) =>
        decimal.Parse(cell.Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>One RFC 4180 line: commas separate, quoted cells may hold commas and doubled quotes.</summary>
    private static List<string> ParseCsvLine(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
