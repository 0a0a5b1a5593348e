namespace AdminPortal.E2E.Pages;

/// <summary>A data table of the portal: its rows, its sortable column headers and the text of a column.</summary>
public sealed class Grid(ILocator table)
{
    public ILocator Table => table;

    /// <summary>The data rows (the header row has column headers, not cells).</summary>
    public ILocator Rows => table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Cell) });

    public ILocator Row(string text) => Rows.Filter(new() { HasText = text });

    public ILocator ColumnHeader(string name) => table.GetByRole(AriaRole.Columnheader, new() { Name = name, Exact = true });

    public Task SortByAsync(string column) => ColumnHeader(column).GetByRole(AriaRole.Link).ClickAsync();

    /// <summary>
    /// The trimmed text of every cell under the column, top to bottom. A snapshot: wait with an
    /// Expect for the rows you mean to read first.
    /// </summary>
    public async Task<IReadOnlyList<string>> ColumnAsync(string column)
    {
        var headers = await table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync();
        var index = headers.Select(h => h.TrimEnd(' ', '▲', '▼').Trim()).ToList().IndexOf(column);
        if (index < 0)
        {
            throw new InvalidOperationException($"No column '{column}' among {string.Join(", ", headers)}.");
        }

        return await table.EvaluateAsync<string[]>(
            "(t, i) => Array.from(t.tBodies[0].rows, r => r.cells[i].innerText.trim())", index);
    }
}
