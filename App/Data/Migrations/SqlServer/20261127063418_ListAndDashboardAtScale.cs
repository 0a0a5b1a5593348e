using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ListAndDashboardAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrderTotals",
                columns: table => new
                {
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderTotals", x => new { x.Status, x.Currency });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_Amount",
                table: "Orders",
                columns: new[] { "Status", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_Id_CreatedAt",
                table: "Orders",
                columns: new[] { "Status", "Id", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrderTotals");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Status_Amount",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Status_Id_CreatedAt",
                table: "Orders");
        }
    }
}
