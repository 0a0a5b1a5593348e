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
        var code = await SeedCommand.RunAsync(new NoServices(), ["seed", "--users"], output, errors);

        Assert.AreEqual(2, code);
        StringAssert.Contains(errors.ToString(), "Usage: dotnet run --project App -- seed --users N --orders M [--reset]");
        Assert.AreEqual("", output.ToString());
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => throw new AssertFailedException($"{serviceType.Name} was asked for.");
    }
}
