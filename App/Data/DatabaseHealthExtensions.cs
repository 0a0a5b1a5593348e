namespace AdminPortal.Data;

public static class DatabaseHealthExtensions
{
    public const string Path = "/health";

    public static IHostApplicationBuilder AddDatabaseHealthCheck(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>200 when the database answers, 503 when it does not; open to everyone.</summary>
    public static IEndpointRouteBuilder MapDatabaseHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path).AllowAnonymous();
        return endpoints;
    }
}
