using System.Globalization;
using Spectre.Console;

namespace AdminPortal.Data.Seeding;

/// <summary>What a load is doing; rows are written only while <see cref="Writing"/>.</summary>
public enum SeedStage
{
    Deleting,
    Writing,
    BuildingIndexes,
    CheckingForeignKeys,
    Committing,
}

/// <summary>
/// How far a load is. Rows are users and orders, the two counts the command takes; an order's
/// history entries and payment records are written with it.
/// </summary>
public sealed record SeedProgress(SeedStage Stage, long RowsWritten, long RowsTotal, TimeSpan Elapsed)
{
    public int Percent => RowsTotal == 0 ? 100 : (int)(100 * RowsWritten / RowsTotal);

    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? RowsWritten / Elapsed.TotalSeconds : 0;

    /// <summary>"5,100 of 10,100 rows (50%), 12,345 rows/s", or what the stage after the writing is.</summary>
    public string Describe() => Stage switch
    {
        SeedStage.Deleting => "deleting the existing rows",
        SeedStage.BuildingIndexes => $"{Rows()} written, building indexes",
        SeedStage.CheckingForeignKeys => $"{Rows()} written, checking foreign keys",
        SeedStage.Committing => $"{Rows()} written, committing",
        _ => string.Create(CultureInfo.InvariantCulture, $"{RowsWritten:N0} of {RowsTotal:N0} rows ({Percent}%), {RowsPerSecond:N0} rows/s"),
    };

    private string Rows() => string.Create(CultureInfo.InvariantCulture, $"{RowsWritten:N0} rows");
}

/// <summary>Shows a load's progress while it runs: the seam between the command and where its output goes.</summary>
public interface ISeedProgressView
{
    /// <summary>Runs <paramref name="load"/>, showing what it reports to the reporter it is given.</summary>
    Task ShowAsync(Func<IProgress<SeedProgress>, Task> load);
}

public static class SeedProgressViews
{
    /// <summary>A progress bar on a terminal; plain lines when the output goes to a file or a pipe.</summary>
    public static ISeedProgressView ForConsole() =>
        Console.IsOutputRedirected ? new PlainLines(Console.Out) : new TerminalBar(AnsiConsole.Console);

    /// <summary>
    /// One line for the first report, one each time the load passes another tenth of its rows, and
    /// one per stage after the writing: a log file gets a dozen lines, however large the load.
    /// </summary>
    public sealed class PlainLines(TextWriter output) : ISeedProgressView, IProgress<SeedProgress>
    {
        private SeedStage? _stage;
        private int _tenths = -1;

        public Task ShowAsync(Func<IProgress<SeedProgress>, Task> load) => load(this);

        public void Report(SeedProgress value)
        {
            var tenths = value.Percent / 10;
            if (value.Stage == _stage && (value.Stage != SeedStage.Writing || tenths == _tenths))
            {
                return;
            }

            (_stage, _tenths) = (value.Stage, tenths);
            output.WriteLine($"Seeding: {value.Describe()}");
        }
    }

    /// <summary>A Spectre.Console bar that redraws in place, with the count and rate beside it.</summary>
    private sealed class TerminalBar(IAnsiConsole console) : ISeedProgressView
    {
        public Task ShowAsync(Func<IProgress<SeedProgress>, Task> load) =>
            console.Progress()
                .AutoClear(false)
                .Columns(new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
                .StartAsync(async context =>
                {
                    var task = context.AddTask("starting", maxValue: 1);
                    await load(new Bar(task));
                    task.StopTask();
                });

        private sealed class Bar(ProgressTask task) : IProgress<SeedProgress>
        {
            public void Report(SeedProgress value)
            {
                task.MaxValue = Math.Max(1, value.RowsTotal);
                task.Value = value.RowsTotal == 0 ? 1 : value.RowsWritten;
                task.Description = Markup.Escape(value.Describe());
            }
        }
    }
}
