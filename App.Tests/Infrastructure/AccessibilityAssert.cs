using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// The docs/contract.md §9 basics a component test can check without a browser: one h1, a visible label for
/// every field, a name for every button and link, unique ids. axe in the E2E suite covers the rest.
/// </summary>
public static class AccessibilityAssert
{
    public static void MeetsTheBasics<T>(IRenderedComponent<T> page)
        where T : IComponent
    {
        Assert.HasCount(1, page.FindAll("h1"), "exactly one h1");

        var ids = page.FindAll("[id]").Select(e => e.Id!).ToList();
        Assert.HasCount(ids.Count, ids.Distinct(StringComparer.Ordinal).ToList(), "ids are unique: " + string.Join(", ", ids));

        foreach (var field in page.FindAll("input:not([type=hidden]), select, textarea"))
        {
            Assert.IsFalse(string.IsNullOrEmpty(field.Id), $"a field has an id: {field.OuterHtml}");
            var label = page.FindAll($"label[for='{field.Id}']").SingleOrDefault();
            Assert.IsNotNull(label, $"a label is for #{field.Id}");
            Assert.IsFalse(string.IsNullOrWhiteSpace(label.TextContent), $"the label of #{field.Id} has text");
            Assert.IsFalse(label.ClassList.Contains("visually-hidden"), $"the label of #{field.Id} is visible");
        }

        foreach (var control in page.FindAll("button, a"))
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(AccessibleName(control)), $"a name for {control.OuterHtml}");
        }
    }

    /// <summary>The name a screen reader announces: aria-label, else the text.</summary>
    public static string AccessibleName(IElement element) =>
        (element.GetAttribute("aria-label") ?? element.TextContent).Trim();
}
