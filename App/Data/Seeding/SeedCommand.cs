using System.Diagnostics;
using System.Globalization;

namespace AdminPortal.Data.Seeding;

/// <summary>
/// <c>seed --users N --orders M [--reset]</c>: fills the configured database with deterministic
/// generated data and exits. Bad arguments print the usage and exit with code 2.
/// </summary>
public static class SeedCommand
{
    public const string Name = "seed";
    public const string Usage = "Usage: dotnet run --project App -- seed --users N --orders M [--reset]\n" +
                                "  --users N   number of users to create (0 to 10,000,000)\n" +
                                "  --orders M  number of orders to create (0 to 100,000,000; needs at least one user)\n" +
                                "  --reset     delete every existing user and order first";

    public const int Success = 0;
    public const int Refused = 1;
    public const int BadArguments = 2;

    public sealed record Arguments(int Users, int Orders, bool Reset);

    public static bool IsInvocation(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Parses the arguments after <c>seed</c>; returns null and an error message when they are wrong.</summary>
    public static Arguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        int? users = null, orders = null;
        var reset = false;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--users" when users is null:
                    users = ReadCount(args, ++i, "--users", 10_000_000, ref error);
                    break;
                case "--orders" when orders is null:
                    orders = ReadCount(args, ++i, "--orders", 100_000_000, ref error);
                    break;
                case "--reset" when !reset:
                    reset = true;
                    break;
                default:
                    error = $"Unexpected argument '{args[i]}'.";
                    break;
            }

            if (error is not null)
            {
                return null;
            }
        }

        error = (users, orders) switch
        {
            (null, _) => "--users is required.",
            (_, null) => "--orders is required.",
            (0, > 0) => "--orders needs at least one user.",
            _ => null,
        };
        return error is null ? new Arguments(users!.Value, orders!.Value, reset) : null;
    }

    /// <param name="progress">Where the load's progress shows (<see cref="SeedProgressViews.ForConsole"/> for the real console).</param>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors, ISeedProgressView progress, CancellationToken cancellationToken = default)
    {
        var arguments = Parse(args[1..], out var error);
        if (arguments is null)
        {
            await errors.WriteLineAsync(error);
            await errors.WriteLineAsync(Usage);
            return BadArguments;
        }

        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        var seeder = services.GetRequiredService<Seeder>();
        if (!arguments.Reset && await seeder.HasUsersAsync(cancellationToken))
        {
            await errors.WriteLineAsync("The database already has users; pass --reset to replace them.");
            return Refused;
        }

        var clock = Stopwatch.StartNew();
        await progress.ShowAsync(reporter => seeder.SeedAsync(arguments.Users, arguments.Orders, arguments.Reset, reporter, cancellationToken));
        var seconds = clock.Elapsed.TotalSeconds;
        var rows = (long)arguments.Users + arguments.Orders;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {arguments.Users:N0} users and {arguments.Orders:N0} orders ({rows:N0} rows) in {seconds:F1} s, {(seconds > 0 ? rows / seconds : 0):N0} rows/s."));
        return Success;
    }

    private static int? ReadCount(IReadOnlyList<string> args, int index, string flag, int max, ref string? error)
    {
        if (index < args.Count &&
            int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) &&
            value <= max)
        {
            return value;
        }

        error = $"{flag} needs a whole number from 0 to {max.ToString("N0", CultureInfo.InvariantCulture)}.";
        return null;
    }
}
