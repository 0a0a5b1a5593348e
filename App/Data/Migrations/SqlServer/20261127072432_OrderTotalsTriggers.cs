using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OrderTotalsTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A migration of its own, as on SQLite (where the previous one rebuilds a table).
            // The dashboard's totals, kept by the database from here on (ADR 004).
            migrationBuilder.Sql(OrderTotalsSql.SqlServerRecompute);
            migrationBuilder.Sql(OrderTotalsSql.SqlServerCreateTrigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TRIGGER [dbo].[{OrderTotalsSql.SqlServerTrigger}];");
        }
    }
}
