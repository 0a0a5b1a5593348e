using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrderTotalsTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A migration of its own: on SQLite the previous one rebuilds the Users table, which EF
            // runs last, and SQL next to a pending rebuild draws a warning at every upgrade.
            // The dashboard's totals, kept by the database from here on (ADR 004).
            migrationBuilder.Sql(OrderTotalsSql.SqliteRecompute);
            migrationBuilder.Sql(OrderTotalsSql.SqliteCreateInsertTrigger);
            migrationBuilder.Sql(OrderTotalsSql.SqliteCreateDeleteTrigger);
            migrationBuilder.Sql(OrderTotalsSql.SqliteCreateUpdateTrigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TRIGGER \"{OrderTotalsSql.SqliteUpdateTrigger}\";");
            migrationBuilder.Sql($"DROP TRIGGER \"{OrderTotalsSql.SqliteDeleteTrigger}\";");
            migrationBuilder.Sql($"DROP TRIGGER \"{OrderTotalsSql.SqliteInsertTrigger}\";");
        }
    }
}
