using Microsoft.AspNetCore.Components;

namespace AdminPortal.Components.Shared;

/// <summary>
/// A list whose sort and paging live in its address, so a view can be bookmarked and shared. The
/// values are strings: a hand-edited <c>?page=abc</c> must fall back to the default, not fail the page.
/// </summary>
public abstract class ListPage : ComponentBase
{
    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public string? Page { get; set; }

    [SupplyParameterFromQuery(Name = "pageSize")]
    public string? PageSize { get; set; }
}
