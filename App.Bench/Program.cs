using AdminPortal.Bench;

// ./bench drives these; each step appends its figures to the results file the script prints.
return args switch
{
    ["queries", .. var rest] => await QueryBench.RunAsync(BenchArgs.Parse(rest)),
    ["circuits", .. var rest] => await CircuitBench.RunAsync(BenchArgs.Parse(rest)),
    ["soak", .. var rest] => await Soak.RunAsync(BenchArgs.Parse(rest)),
    ["tests", .. var rest] => TestRunFigures.Run(BenchArgs.Parse(rest)),
    ["turns", .. var rest] => await TurnsBench.RunAsync(BenchArgs.Parse(rest)),
    ["audit", .. var rest] => await AuditBench.RunAsync(BenchArgs.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage (normally through ./bench):
          App.Bench queries  --db FILE --results FILE [--iterations N] [--plans FILE] [--sections orders,users,customers,dashboard]
          App.Bench circuits --url URL --pid PID --blank-url URL --blank-pid PID --email E --password P --results FILE [--pages N]
          App.Bench soak     --url URL --pid PID --email E --password P --results FILE [--seconds N] [--workers N]
          App.Bench tests    --trx-dir DIR --results FILE [--wall-seconds S] [--inner-seconds S]
          App.Bench turns    --results FILE [--pays N] [--moves N]
          App.Bench audit    --results FILE [--updates N]
        """);
    return 2;
}
