using System.Globalization;
using System.Text;
using AdminPortal.Features.Common;

namespace AdminPortal.Features.Orders;

/// <summary>
/// Writes orders as CSV (RFC 4180: a header row, CRLF line ends, quoted cells where needed) for
/// spreadsheets. Rows are written as they arrive and flushed in small batches, so an export of a
/// million orders never sits in memory. Numbers are invariant-culture and timestamps ISO 8601 UTC,
/// so the file reads the same in any locale.
/// </summary>
public static class OrdersCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const string FileName = "orders.csv";

    // Small enough that the first rows reach the client at once, large enough to keep writes cheap.
    private const int RowsPerFlush = 200;

    public static IReadOnlyList<string> Header { get; } =
        ["id", "userId", "userName", "userEmail", "amount", "currency", "status", "createdAt", "updatedAt"];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<OrderListItem> orders, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        await using (writer)
        {
            await writer.WriteLineAsync(string.Join(',', Header));
            var line = new StringBuilder(256);
            var rows = 0;
            await foreach (var order in orders.WithCancellation(cancellationToken))
            {
                line.Clear();
                AppendRow(line, order);
                await writer.WriteLineAsync(line, cancellationToken);
                if (++rows % RowsPerFlush == 0)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }

            await writer.FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A text cell made safe for spreadsheets: a value that a spreadsheet would run as a formula
    /// (starting with = + - @, a tab or a line break) gets a leading apostrophe (OWASP "CSV
    /// injection"), and a value holding a comma, quote or line break is quoted with quotes doubled.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static void AppendRow(StringBuilder line, OrderListItem order)
    {
        var culture = CultureInfo.InvariantCulture;
        line.Append(order.Id.ToString(culture)).Append(',')
            .Append(order.UserId.ToString(culture)).Append(',')
            .Append(Cell(order.UserName)).Append(',')
            .Append(Cell(order.UserEmail)).Append(',')
            .Append(order.Amount.ToString("0.00", culture)).Append(',')
            .Append(ApiJson.Name(order.Currency)).Append(',')
            .Append(ApiJson.Name(order.Status)).Append(',')
            .Append(Timestamp(order.CreatedAt)).Append(',')
            .Append(Timestamp(order.UpdatedAt));
    }

    // The same instant the JSON shows, to the tick, with Z; trailing zero fractions dropped.
    private static string Timestamp(DateTime value) =>
        ApiJson.Utc(value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
