using Microsoft.AspNetCore.Components;

namespace AdminPortal.Components.Shared;

/// <summary>
/// The value of a page's <c>data-interactive</c> attribute: "false" while the page is only
/// prerendered, "true" once its circuit is attached and it answers clicks. Browser automation waits
/// for it before acting on a page.
/// </summary>
public static class InteractiveMarker
{
    public static string Of(RendererInfo renderer) => renderer.IsInteractive ? "true" : "false";
}
