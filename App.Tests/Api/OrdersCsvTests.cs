using AdminPortal.Tests.Infrastructure;
using System.Text;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;

namespace AdminPortal.Tests.Api;

/// <summary>The CSV writer on its own: cell safety, and that rows leave while the source is still producing.</summary>
[TestClass]
[TestCategory(InnerLoop.Category)]
public sealed class OrdersCsvTests
{
    [TestMethod]
    [TestCategory("Reliability")]
    [DataRow("Ann Lee", "Ann Lee")]
    [DataRow("", "")]
    [DataRow("=1+1", "'=1+1")]
    [DataRow("+44 20", "'+44 20")]
    [DataRow("-5", "'-5")]
    [DataRow("@SUM(A1)", "'@SUM(A1)")]
    [DataRow("\tcmd", "'\tcmd")]
    [DataRow("\r=1", "\"'\r=1\"")]
    [DataRow("a=b", "a=b")]
    [DataRow("Lee, Ann", "\"Lee, Ann\"")]
    [DataRow("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [DataRow("two\nlines", "\"two\nlines\"")]
    [DataRow("=cmd|' /C calc'!A0, x", "\"'=cmd|' /C calc'!A0, x\"")]
    public void A_cell_is_neutralised_against_formulas_and_quoted_when_needed(string value, string expected) =>
        Assert.AreEqual(expected, OrdersCsv.Cell(value));

    [TestMethod]
    public async Task Rows_reach_the_output_before_the_source_has_finished()
    {
        using var output = new MemoryStream();
        long writtenWhenHalfway = -1;

        await OrdersCsv.WriteAsync(output, Orders(5000, onRow: n =>
        {
            if (n == 2500)
            {
                writtenWhenHalfway = output.Length;
            }
        }), CancellationToken.None);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(5001, lines);
        Assert.IsGreaterThan(output.Length / 3, writtenWhenHalfway, "about half the rows were already written when the source was halfway");
        Assert.AreEqual("5000,7,Ann,ann@example.com,0.01,GBP,cancelled,2026-01-02T03:04:05.006Z,2026-01-02T03:04:05.006Z", lines[^1]);
    }

    [TestMethod]
    public async Task Numbers_are_written_the_same_in_every_culture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            using var output = new MemoryStream();
            await OrdersCsv.WriteAsync(output, Orders(1, amount: 1234567.5m), CancellationToken.None);

            StringAssert.Contains(Encoding.UTF8.GetString(output.ToArray()), ",1234567.50,GBP,");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    private static async IAsyncEnumerable<OrderListItem> Orders(int count, Action<int>? onRow = null, decimal amount = 0.01m)
    {
        var at = new DateTime(2026, 1, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        for (var n = 1; n <= count; n++)
        {
            onRow?.Invoke(n);
            await Task.Yield();
            yield return new OrderListItem(n, 7, "Ann", "ann@example.com", amount, Currency.GBP, OrderStatus.Cancelled, null, at, at, 1);
        }
    }
}
