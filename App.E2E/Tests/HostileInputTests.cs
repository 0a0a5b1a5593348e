namespace AdminPortal.E2E.Tests;

/// <summary>Markup and script typed into a name or a reason reach the browser as text, and nothing of it runs.</summary>
[TestClass]
[TestCategory("Reliability")]
public sealed class HostileInputTests : BrowserTest
{
    [TestMethod]
    public async Task A_hostile_name_and_reason_are_shown_as_text_and_never_run()
    {
        var unique = PortalApi.Unique();
        var name = $"<img src=x onerror=\"window.hostile=1\"><script>window.hostile=2</script>{unique}";
        var reason = $"<b onmouseover=\"window.hostile=3\">bold</b><script>window.hostile=4</script>";
        var userId = await Api.CreateUserAsync(name, $"hostile.{unique}@example.com");
        var orderId = await Api.CreateOrderAsync(userId, 12.00m);
        await Api.TransitionAsync(orderId, "cancelled", reason);
        var dialogs = new List<string>();
        Page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        var user = new UserDetailPage(Page);
        var order = new OrderDetailPage(Page);
        await SignInAsync(Portal.Admin);

        await user.GotoAsync(userId);
        await Expect(user.Heading).ToHaveTextAsync(name);
        await order.GotoAsync(orderId);
        await Expect(order.HistoryEntries.Last).ToContainTextAsync(reason);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();

        Assert.AreEqual("undefined", await Page.EvaluateAsync<string>("() => typeof window.hostile"), "no script from the input ran");
        Assert.IsEmpty(dialogs);
        Assert.AreEqual(0, await Page.Locator("[onerror], [onmouseover], main script").CountAsync(), "no element was made from the input");
    }
}
