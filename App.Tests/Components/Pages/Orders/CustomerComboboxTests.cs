using System.Globalization;
using AdminPortal.Components.Pages.Orders;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AdminPortal.Tests.Components.Pages.Orders;

/// <summary>
/// The orders page's Customer field, over the real user search: the WAI-ARIA combobox states, the
/// keys, and the pause in typing (the test's clock, never a wait) before it asks.
/// Keys and clicks are awaited (<c>KeyDownAsync</c>, <c>ClickAsync</c>): bUnit's synchronous
/// helpers only queue the event, and right after the suggestions' render the renderer can still be
/// busy on another thread, so a synchronous key could be read back before it was handled. Typing
/// is not awaited (its handler waits for the test's clock, so <c>InputAsync</c> would never end) but
/// goes through <see cref="ComponentTest.UserAsync"/>, so the pause has begun before the clock moves.
/// </summary>
[TestClass]
public sealed class CustomerComboboxTests : PortalPageTest
{
    private readonly List<string?> _values = [];
    private int _chosen;

    [TestMethod]
    public void Is_a_closed_combobox_labelled_customer_that_controls_its_listbox()
    {
        var field = RenderField();

        var input = field.Find("input");
        Assert.AreEqual("Customer", field.Find($"label[for={input.Id}]").TextContent);
        Assert.AreEqual("combobox", input.GetAttribute("role"));
        Assert.AreEqual("list", input.GetAttribute("aria-autocomplete"));
        Assert.AreEqual("false", input.GetAttribute("aria-expanded"));
        Assert.IsNull(input.GetAttribute("aria-activedescendant"));
        var list = field.Find($"#{input.GetAttribute("aria-controls")}");
        Assert.AreEqual("listbox", list.GetAttribute("role"));
        Assert.IsTrue(list.HasAttribute("hidden"));
    }

    [TestMethod]
    public async Task Typing_offers_at_most_ten_matches_by_name_or_email_once_typing_pauses()
    {
        await AddUsersAsync([
            .. Enumerable.Range(1, 11).Select(i => new UserBuilder().Named(string.Create(CultureInfo.InvariantCulture, $"Ann {i:D2}")).Build()),
            new UserBuilder().Named("Zed Ray").WithEmail("ann.zed@example.com").Build(),
            new UserBuilder().Named("Bob Ray").Build()]);
        var field = RenderField();

        await UserAsync(() => field.Find("input").Input("aNn"));

        Assert.AreEqual("false", field.Find("input").GetAttribute("aria-expanded"), "nothing is asked before the pause");
        Assert.IsEmpty(Options(field));
        Time.Advance(CustomerCombobox.Debounce);
        field.WaitForAssertion(() => Assert.HasCount(UserSearch.SuggestionLimit, Options(field)));
        Assert.AreEqual("true", field.Find("input").GetAttribute("aria-expanded"));
        Assert.IsFalse(field.Find("[role=listbox]").HasAttribute("hidden"));
        StringAssert.StartsWith(Options(field)[0].TextContent.Trim(), "Ann 01");
        Assert.IsTrue(Options(field).All(o => o.GetAttribute("aria-selected") == "false"));
        Assert.AreEqual("10 customers found; use the arrow keys to choose.", field.Find("[role=status]").TextContent);
        CollectionAssert.AreEqual(new[] { "aNn" }, _values);
    }

    [TestMethod]
    public async Task Arrow_keys_move_the_active_option_and_wrap_around()
    {
        await AddUsersAsync(new UserBuilder().Named("Ann A").Build(), new UserBuilder().Named("Ann B").Build(), new UserBuilder().Named("Ann C").Build());
        var field = await OpenedAsync("ann", 3);
        var input = field.Find("input");

        await input.KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.AreEqual(Options(field)[0].Id, field.Find("input").GetAttribute("aria-activedescendant"));
        Assert.AreEqual("true", Options(field)[0].GetAttribute("aria-selected"));

        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.AreEqual(Options(field)[1].Id, field.Find("input").GetAttribute("aria-activedescendant"));
        Assert.AreEqual("false", Options(field)[0].GetAttribute("aria-selected"));

        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowUp" });
        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowUp" });
        Assert.AreEqual(Options(field)[2].Id, field.Find("input").GetAttribute("aria-activedescendant"), "up from the first goes to the last");

        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.AreEqual(Options(field)[0].Id, field.Find("input").GetAttribute("aria-activedescendant"), "down from the last goes to the first");
    }

    [TestMethod]
    public async Task Enter_chooses_the_active_option_puts_its_email_in_the_field_and_closes()
    {
        await AddUsersAsync(new UserBuilder().Named("Ann A").WithEmail("a@example.com").Build(), new UserBuilder().Named("Ann B").WithEmail("b@example.com").Build());
        var field = await OpenedAsync("ann", 2);

        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        var input = field.Find("input");
        Assert.AreEqual("b@example.com", input.GetAttribute("value"));
        Assert.AreEqual("b@example.com", _values[^1]);
        Assert.AreEqual("false", input.GetAttribute("aria-expanded"));
        Assert.IsNull(input.GetAttribute("aria-activedescendant"));
        Assert.AreEqual("Chosen: Ann B (b@example.com).", field.Find("[role=status]").TextContent);
        Assert.AreEqual(0, _chosen, "Enter submits the surrounding form, which applies the choice");
    }

    [TestMethod]
    public async Task Clicking_an_option_chooses_it_and_applies_it()
    {
        await AddUsersAsync(new UserBuilder().Named("Ann A").WithEmail("a@example.com").Build());
        var field = await OpenedAsync("ann", 1);

        await Options(field)[0].ClickAsync(new MouseEventArgs());

        Assert.AreEqual("a@example.com", field.Find("input").GetAttribute("value"));
        Assert.AreEqual(1, _chosen);
        Assert.AreEqual("false", field.Find("input").GetAttribute("aria-expanded"));
    }

    [TestMethod]
    public async Task Escape_closes_the_list_and_a_second_escape_clears_the_field()
    {
        await AddUsersAsync(new UserBuilder().Named("Ann A").Build());
        var field = await OpenedAsync("ann", 1);
        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });

        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        Assert.AreEqual("false", field.Find("input").GetAttribute("aria-expanded"));
        Assert.IsNull(field.Find("input").GetAttribute("aria-activedescendant"));
        Assert.IsTrue(field.Find("[role=listbox]").HasAttribute("hidden"));
        Assert.AreEqual("ann", field.Find("input").GetAttribute("value"), "the first Escape keeps what was typed");

        await field.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        Assert.IsNull(_values[^1]);
        Assert.IsTrue(string.IsNullOrEmpty(field.Find("input").GetAttribute("value")));
    }

    [TestMethod]
    public async Task No_match_says_so_and_leaves_the_list_closed()
    {
        await AddUsersAsync(new UserBuilder().Named("Ann A").Build());
        var field = RenderField();

        await UserAsync(() => field.Find("input").Input("zzz"));
        Time.Advance(CustomerCombobox.Debounce);

        field.WaitForAssertion(() => Assert.AreEqual("No customer's name or email starts with “zzz”.", field.Find("[role=status]").TextContent));
        Assert.AreEqual("false", field.Find("input").GetAttribute("aria-expanded"));
        Assert.IsEmpty(Options(field));
        Assert.IsFalse(field.Find("[role=status]").ClassList.Contains("visually-hidden"), "the message is seen, not only announced");
    }

    [TestMethod]
    public async Task Only_the_last_pause_in_typing_asks_and_its_answer_is_shown()
    {
        await AddUsersAsync(new UserBuilder().Named("Ann A").Build(), new UserBuilder().Named("Bob B").Build());
        var field = RenderField();

        await UserAsync(() => field.Find("input").Input("a"));
        Time.Advance(CustomerCombobox.Debounce / 2);
        await UserAsync(() => field.Find("input").Input("b"));
        Time.Advance(CustomerCombobox.Debounce / 2);

        Assert.IsEmpty(Options(field), "the first text's pause was cut short");
        Time.Advance(CustomerCombobox.Debounce / 2);
        field.WaitForAssertion(() => Assert.HasCount(1, Options(field)));
        StringAssert.StartsWith(Options(field)[0].TextContent.Trim(), "Bob B");
    }

    private IRenderedComponent<CustomerCombobox> RenderField() => Render<CustomerCombobox>(p => p
        .Add(c => c.Id, "customer")
        .Add(c => c.Name, "customer")
        .Add(c => c.ValueChanged, value => _values.Add(value))
        .Add(c => c.OnChosen, () => _chosen++));

    private async Task<IRenderedComponent<CustomerCombobox>> OpenedAsync(string text, int expected)
    {
        var field = RenderField();
        await UserAsync(() => field.Find("input").Input(text));
        Time.Advance(CustomerCombobox.Debounce);
        field.WaitForAssertion(() => Assert.HasCount(expected, Options(field)));
        return field;
    }

    private static IReadOnlyList<IElement> Options(IRenderedComponent<CustomerCombobox> field) => field.FindAll("[role=option]");

    private async Task AddUsersAsync(params User[] users)
    {
        await using var db = Database.CreateDbContext();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
    }
}
