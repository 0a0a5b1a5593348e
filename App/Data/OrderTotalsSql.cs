namespace AdminPortal.Data;

/// <summary>
/// The triggers that keep <c>OrderTotals</c> (ADR 004): every insert, delete, and change of an
/// order's status, currency or amount moves its count and amount between the (status, currency)
/// rows, in the writer's own transaction. The migrations create them; the seeder sets the SQLite
/// delete trigger aside while it empties the tables, so SQLite can drop pages instead of visiting rows.
/// </summary>
public static class OrderTotalsSql
{
    public const string Table = "OrderTotals";

    // Rebuild the totals from the orders: used once by the migration that adds them, and on
    // SQLite by the seeder after emptying the tables.
    public const string SqliteRecompute =
        """
        DELETE FROM "OrderTotals";
        INSERT INTO "OrderTotals" ("Status", "Currency", "Count", "Amount")
        SELECT "Status", "Currency", COUNT(*), SUM("Amount") FROM "Orders" GROUP BY "Status", "Currency";
        """;

    public const string SqlServerRecompute =
        """
        DELETE FROM [dbo].[OrderTotals];
        INSERT INTO [dbo].[OrderTotals] ([Status], [Currency], [Count], [Amount])
        SELECT [Status], [Currency], COUNT_BIG(*), SUM([Amount]) FROM [dbo].[Orders] GROUP BY [Status], [Currency];
        """;

    public const string SqliteInsertTrigger = "TR_Orders_Totals_Insert";
    public const string SqliteDeleteTrigger = "TR_Orders_Totals_Delete";
    public const string SqliteUpdateTrigger = "TR_Orders_Totals_Update";

    private const string SqliteAdd =
        """
        INSERT INTO "OrderTotals" ("Status", "Currency", "Count", "Amount") VALUES (NEW."Status", NEW."Currency", 1, NEW."Amount")
            ON CONFLICT ("Status", "Currency") DO UPDATE SET "Count" = "Count" + 1, "Amount" = "Amount" + excluded."Amount";
        """;

    private const string SqliteSubtract =
        """
        UPDATE "OrderTotals" SET "Count" = "Count" - 1, "Amount" = "Amount" - OLD."Amount"
            WHERE "Status" = OLD."Status" AND "Currency" = OLD."Currency";
        """;

    public const string SqliteCreateInsertTrigger =
        $"""
        CREATE TRIGGER "{SqliteInsertTrigger}" AFTER INSERT ON "Orders" BEGIN
        {SqliteAdd}
        END;
        """;

    public const string SqliteCreateDeleteTrigger =
        $"""
        CREATE TRIGGER "{SqliteDeleteTrigger}" AFTER DELETE ON "Orders" BEGIN
        {SqliteSubtract}
        END;
        """;

    public const string SqliteCreateUpdateTrigger =
        $"""
        CREATE TRIGGER "{SqliteUpdateTrigger}" AFTER UPDATE OF "Status", "Currency", "Amount" ON "Orders"
        WHEN OLD."Status" IS NOT NEW."Status" OR OLD."Currency" IS NOT NEW."Currency" OR OLD."Amount" IS NOT NEW."Amount"
        BEGIN
        {SqliteSubtract}
        {SqliteAdd}
        END;
        """;

    public const string SqlServerTrigger = "TR_Orders_Totals";

    // One statement per firing: the net change of each (status, currency) across the affected rows.
    // HOLDLOCK makes the upsert safe against a concurrent first order of a new pair. Wrapped in
    // EXEC because CREATE TRIGGER must start a batch, and the idempotent script puts each
    // migration step inside IF … BEGIN … END.
    public const string SqlServerCreateTrigger =
        """
        EXEC(N'CREATE TRIGGER [dbo].[TR_Orders_Totals] ON [dbo].[Orders] AFTER INSERT, UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF NOT EXISTS (SELECT 1 FROM inserted) AND NOT EXISTS (SELECT 1 FROM deleted) RETURN;
            MERGE [dbo].[OrderTotals] WITH (HOLDLOCK) AS t
            USING (
                SELECT [Status], [Currency], SUM([Count]) AS [Count], SUM([Amount]) AS [Amount]
                FROM (
                    SELECT [Status], [Currency], CAST(1 AS bigint) AS [Count], CAST([Amount] AS decimal(18, 2)) AS [Amount] FROM inserted
                    UNION ALL
                    SELECT [Status], [Currency], CAST(-1 AS bigint), -CAST([Amount] AS decimal(18, 2)) FROM deleted
                ) AS c
                GROUP BY [Status], [Currency]
            ) AS d
            ON t.[Status] = d.[Status] AND t.[Currency] = d.[Currency]
            WHEN MATCHED AND (d.[Count] <> 0 OR d.[Amount] <> 0) THEN
                UPDATE SET [Count] = t.[Count] + d.[Count], [Amount] = t.[Amount] + d.[Amount]
            WHEN NOT MATCHED THEN
                INSERT ([Status], [Currency], [Count], [Amount]) VALUES (d.[Status], d.[Currency], d.[Count], d.[Amount]);
        END');
        """;
}
