using System.Diagnostics;

namespace AdminPortal.E2E.Tests;

/// <summary>Two staff members at once, each in their own browser context (docs/contract.md §9: live updates, conflicts).</summary>
[TestClass]
public sealed class TwoBrowserTests : BrowserTest
{
    /// <summary>docs/contract.md §9: within one second, without reload; measured from when the first browser's action completed.</summary>
    private static readonly LocatorAssertionsToContainTextOptions WithinOneSecond = new() { Timeout = 1000 };

    [TestMethod]
    public async Task Paying_an_order_in_one_browser_shows_in_the_other_within_a_second()
    {
        var user = await Api.CreateUserAsync();
        var orderId = await Api.CreateOrderAsync(user.Id, 30.00m);
        var otherPage = await OpenAnotherBrowserAsync();
        await SignInAsync(Portal.Admin);
        await SignInAsync(otherPage, await MemberAsync("viewer"));
        var mine = new OrderDetailPage(Page);
        var theirs = new OrderDetailPage(otherPage);
        await mine.GotoAsync(orderId);
        await theirs.GotoAsync(orderId);
        await Expect(theirs.Status).ToContainTextAsync("Pending");

        await mine.PayAsync();
        await Expect(mine.Success).ToHaveTextAsync("The payment was taken; the order is now processing.");

        var clock = Stopwatch.StartNew();
        await Expect(theirs.Status).ToContainTextAsync("Processing", WithinOneSecond);
        TestContext.WriteLine($"The other browser showed the payment after {clock.ElapsedMilliseconds} ms");
    }

    [TestMethod]
    public async Task Suspending_a_user_in_one_browser_shows_in_the_others_list_within_a_second()
    {
        var user = await Api.CreateUserAsync();
        var otherPage = await OpenAnotherBrowserAsync();
        await SignInAsync(Portal.Admin);
        await SignInAsync(otherPage, await MemberAsync("agent"));
        var detail = new UserDetailPage(Page);
        var list = new UsersPage(otherPage);
        await detail.GotoAsync(user.Id);
        await list.GotoAsync($"?search={Uri.EscapeDataString(user.Name)}");
        await Expect(list.Users.Row(user.Email)).ToContainTextAsync("Active");

        await detail.SuspendAsync();
        await Expect(detail.Notice($"{user.Name} is suspended and cannot get new orders.")).ToBeVisibleAsync();

        var clock = Stopwatch.StartNew();
        await Expect(list.Users.Row(user.Email)).ToContainTextAsync("Suspended", WithinOneSecond);
        TestContext.WriteLine($"The other browser showed the suspension after {clock.ElapsedMilliseconds} ms");
    }

    [TestMethod]
    public async Task Saving_over_someone_elses_change_shows_the_conflict_and_overwrites_nothing()
    {
        var user = await Api.CreateUserAsync();
        var otherPage = await OpenAnotherBrowserAsync();
        await SignInAsync(Portal.Admin);
        await SignInAsync(otherPage, await MemberAsync("agent"));
        var first = new UserDetailPage(Page);
        var second = new UserDetailPage(otherPage);
        await first.GotoAsync(user.Id);
        await second.GotoAsync(user.Id);
        await first.EditButton.ClickAsync();
        await second.EditButton.ClickAsync();
        await Expect(first.EditForm).ToBeVisibleAsync();
        await Expect(second.EditForm).ToBeVisibleAsync();

        await first.EditName.FillAsync("Saved First");
        await first.SaveChangesButton.ClickAsync();
        await Expect(first.Notice("Saved First was saved.")).ToBeVisibleAsync();

        await second.EditName.FillAsync("Saved Second");
        await second.SaveChangesButton.ClickAsync();

        await Expect(second.EditAlert).ToContainTextAsync(
            "Someone else changed this user before you saved, so your change was not saved and nothing was overwritten.");
        await Expect(second.Heading).ToHaveTextAsync("Saved First");
        await Expect(second.EditName).ToHaveValueAsync("Saved Second");
        await Expect(first.Heading).ToHaveTextAsync("Saved First");
        await first.GotoAsync(user.Id);
        await Expect(first.Heading).ToHaveTextAsync("Saved First");
    }
}
