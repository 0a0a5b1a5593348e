using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Tests.Data;

/// <summary>Both providers' migrations match the model; SQL Server's is checked without a server.</summary>
[TestClass]
public sealed class MigrationTests
{
    private static SqlServerAppDbContext SqlServer() => new SqlServerDesignTimeFactory().CreateDbContext([]);

    private static SqliteAppDbContext Sqlite() => new SqliteDesignTimeFactory().CreateDbContext([]);

    [TestMethod]
    public void The_sqlite_migrations_have_no_pending_model_changes()
    {
        using var db = Sqlite();
        Assert.IsFalse(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for SqliteAppDbContext.");
    }

    [TestMethod]
    public void The_sql_server_migrations_have_no_pending_model_changes()
    {
        using var db = SqlServer();
        Assert.IsFalse(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for SqlServerAppDbContext.");
    }

    [TestMethod]
    public void The_sql_server_migration_script_generates_with_the_tables_keys_and_indexes()
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        StringAssert.Contains(script, "CREATE TABLE [Users]");
        StringAssert.Contains(script, "CREATE TABLE [Orders]");
        StringAssert.Contains(script, "CREATE TABLE [OrderStatusChanges]");
        StringAssert.Contains(script, "CREATE TABLE [PaymentRecords]");
        StringAssert.Contains(script, "CREATE UNIQUE INDEX [IX_Users_Email] ON [Users] ([Email])");
        StringAssert.Contains(script, "CREATE INDEX [IX_Orders_Status_CreatedAt] ON [Orders] ([Status], [CreatedAt])");
        StringAssert.Contains(script, "CREATE INDEX [IX_Orders_UserId_CreatedAt] ON [Orders] ([UserId], [CreatedAt])");
        StringAssert.Contains(script, "[Amount] decimal(9,2) NOT NULL");
        StringAssert.Contains(script, "[Id] int NOT NULL IDENTITY");
    }

    [TestMethod]
    public void Each_provider_keeps_its_own_migrations()
    {
        using var sqlite = Sqlite();
        using var sqlServer = SqlServer();

        var sqliteMigrations = sqlite.Database.GetMigrations().ToArray();
        var sqlServerMigrations = sqlServer.Database.GetMigrations().ToArray();

        Assert.IsNotEmpty(sqliteMigrations);
        Assert.IsNotEmpty(sqlServerMigrations);
        var sqliteTypes = sqlite.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace).Distinct().ToArray();
        var sqlServerTypes = sqlServer.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace).Distinct().ToArray();
        CollectionAssert.AreEqual(new[] { "AdminPortal.Data.Migrations.Sqlite" }, sqliteTypes);
        CollectionAssert.AreEqual(new[] { "AdminPortal.Data.Migrations.SqlServer" }, sqlServerTypes);
    }

    [TestMethod]
    public void The_sqlite_model_stores_money_as_whole_cents()
    {
        using var db = Sqlite();
        var amount = db.Model.FindEntityType(typeof(AdminPortal.Features.Orders.Order))!.FindProperty("Amount")!;
        Assert.AreEqual("INTEGER", amount.GetColumnType());
        Assert.AreEqual(1234L, amount.GetTypeMapping().Converter!.ConvertToProvider(12.34m));
    }
}
