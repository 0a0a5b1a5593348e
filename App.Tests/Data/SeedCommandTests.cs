using AdminPortal.Tests.Infrastructure;
using AdminPortal.Data.Seeding;

namespace AdminPortal.Tests.Data;

[TestClass]
[TestCategory(InnerLoop.Category)]
public sealed class SeedCommandTests
{
    [TestMethod]
    public void Users_orders_and_reset_are_read_in_any_order()
    {
        var parsed = SeedCommand.Parse(["--orders", "1000000", "--reset", "--users", "100000"], out var error);

        Assert.IsNull(error);
        Assert.AreEqual(new SeedCommand.Arguments(100_000, 1_000_000, true), parsed);
    }

    [TestMethod]
    public void Reset_is_optional() =>
        Assert.AreEqual(new SeedCommand.Arguments(5, 0, false), SeedCommand.Parse(["--users", "5", "--orders", "0"], out _));

    [TestMethod]
    [DataRow(new string[0], "--users is required.")]
    [DataRow(new[] { "--users", "5" }, "--orders is required.")]
    [DataRow(new[] { "--users" }, "--users needs a whole number from 0 to 10,000,000.")]
    [DataRow(new[] { "--users", "-1", "--orders", "1" }, "--users needs a whole number from 0 to 10,000,000.")]
    [DataRow(new[] { "--users", "ten", "--orders", "1" }, "--users needs a whole number from 0 to 10,000,000.")]
    [DataRow(new[] { "--users", "1.5", "--orders", "1" }, "--users needs a whole number from 0 to 10,000,000.")]
    [DataRow(new[] { "--users", "1", "--orders", "99999999999" }, "--orders needs a whole number from 0 to 100,000,000.")]
    [DataRow(new[] { "--users", "0", "--orders", "1" }, "--orders needs at least one user.")]
    [DataRow(new[] { "--users", "1", "--orders", "1", "--force" }, "Unexpected argument '--force'.")]
    [DataRow(new[] { "--users", "1", "--users", "2", "--orders", "1" }, "Unexpected argument '--users'.")]
    public void Bad_arguments_are_refused_with_a_reason(string[] args, string expected)
    {
        Assert.IsNull(SeedCommand.Parse(args, out var error));
        Assert.AreEqual(expected, error);
    }

    [TestMethod]
    public async Task Bad_arguments_print_the_usage_and_exit_with_code_2_before_touching_the_database()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        // No service provider is needed: a database must not even be looked at.
        var code = await SeedCommand.RunAsync(new NoServices(), ["seed", "--users"], output, errors, new SeedProgressViews.PlainLines(output));

        Assert.AreEqual(2, code);
        StringAssert.Contains(errors.ToString(), "Usage: dotnet run --project App -- seed --users N --orders M [--reset]");
        Assert.AreEqual("", output.ToString());
    }

    [TestMethod]
    public void Redirected_progress_is_a_line_at_the_start_at_each_tenth_of_the_rows_and_at_each_stage_after()
    {
        using var output = new StringWriter();
        IProgress<SeedProgress> lines = new SeedProgressViews.PlainLines(output);

        lines.Report(new SeedProgress(SeedStage.Deleting, 0, 20_000, TimeSpan.Zero));
        foreach (var written in new[] { 100, 1_900, 2_000, 5_000, 5_400, 20_000 })
        {
            lines.Report(new SeedProgress(SeedStage.Writing, written, 20_000, TimeSpan.FromSeconds(written / 4_000.0)));
        }

        lines.Report(new SeedProgress(SeedStage.BuildingIndexes, 20_000, 20_000, TimeSpan.FromSeconds(6)));
        lines.Report(new SeedProgress(SeedStage.Committing, 20_000, 20_000, TimeSpan.FromSeconds(7)));

        CollectionAssert.AreEqual(
            new[]
            {
                "Seeding: deleting the existing rows",
                "Seeding: 100 of 20,000 rows (0%), 4,000 rows/s",
                "Seeding: 2,000 of 20,000 rows (10%), 4,000 rows/s",
                "Seeding: 5,000 of 20,000 rows (25%), 4,000 rows/s",
                "Seeding: 20,000 of 20,000 rows (100%), 4,000 rows/s",
                "Seeding: 20,000 rows written, building indexes",
                "Seeding: 20,000 rows written, committing",
            },
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [TestMethod]
    public void An_empty_load_is_complete_and_a_load_not_yet_timed_has_no_rate()
    {
        Assert.AreEqual("0 of 0 rows (100%), 0 rows/s", new SeedProgress(SeedStage.Writing, 0, 0, TimeSpan.Zero).Describe());
        Assert.AreEqual("5 of 10 rows (50%), 0 rows/s", new SeedProgress(SeedStage.Writing, 5, 10, TimeSpan.Zero).Describe());
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => throw new AssertFailedException($"{serviceType.Name} was asked for.");
    }
}
