using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Data;

public static class DatabaseExtensions
{
    public const string DefaultSqliteConnectionString = "Data Source=data/portal.db";

    /// <summary>
    /// Registers <see cref="IDbContextFactory{AppDbContext}"/> for the configured provider. Callers
    /// take one short-lived context per operation; none of them knows which provider runs. A scoped
    /// <see cref="AppDbContext"/> exists only for Identity's stores.
    /// </summary>
    public static IHostApplicationBuilder AddAppDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Default");

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqliteConnectionString, builder.Environment.ContentRootPath);
                builder.Services.AddPooledDbContextFactory<SqliteAppDbContext>(o => o.UseSqlite(sqlite).AddInterceptors(SqliteBusyTimeout.Instance));
                builder.Services.AddSingleton<IDbContextFactory<AppDbContext>, ProviderContextFactory<SqliteAppDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "ConnectionStrings:Default must be set when Database:Provider is SqlServer.");
                }

                builder.Services.AddPooledDbContextFactory<SqlServerAppDbContext>(o =>
                    o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
                builder.Services.AddSingleton<IDbContextFactory<AppDbContext>, ProviderContextFactory<SqlServerAppDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or SqlServer.");
        }

        // Identity's stores want a scoped context; each scope gets its own from the factory.
        builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());

        builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Seeding.Seeder>();
        builder.Services.AddSingleton<DatabaseInitializer>();
        return builder;
    }

    /// <summary>
    /// A relative SQLite file is relative to the content root (not the working directory), so
    /// <c>dotnet run</c> finds the same database from anywhere.
    /// </summary>
    internal static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        var isFile = csb.Mode != SqliteOpenMode.Memory &&
                     !string.IsNullOrEmpty(csb.DataSource) &&
                     !string.Equals(csb.DataSource, ":memory:", StringComparison.Ordinal) &&
                     !csb.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        if (!isFile)
        {
            return connectionString;
        }

        csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
        return csb.ToString();
    }

    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
