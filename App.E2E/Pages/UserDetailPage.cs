using System.Globalization;
using System.Text.RegularExpressions;

namespace AdminPortal.E2E.Pages;

/// <summary>One user: details, edit, suspend/activate, delete when allowed, the user's orders and "New order".</summary>
public sealed class UserDetailPage(IPage page)
{
    /// <summary>The page once its circuit is attached (see <see cref="PageNavigation.InteractiveContent"/>).</summary>
    private ILocator Content => page.InteractiveContent();

    public static string PathOf(int id) => string.Create(CultureInfo.InvariantCulture, $"/users/{id}");

    /// <summary>The user's name once loaded ("User not found" for an unknown id).</summary>
    public ILocator Heading => Content.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>Name, email, status and dates as a description list.</summary>
    public ILocator Details => Content.GetByRole(AriaRole.Region, new() { Name = "Details", Exact = true });

    // The action buttons are named after the user ("Suspend Ada Abbott").
    public ILocator EditButton => Content.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Edit ") });

    public ILocator SuspendButton => Content.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Suspend ") });

    public ILocator ActivateButton => Content.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Activate ") });

    public ILocator DeleteButton => Content.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Delete ") });

    public ILocator ConfirmDeleteButton => Content.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Yes, delete ") });

    public ILocator EditForm => Content.GetByRole(AriaRole.Region, new() { Name = "Edit user", Exact = true });

    public ILocator EditName => EditForm.GetByLabel("Name", new() { Exact = true });

    public ILocator EditEmail => EditForm.GetByLabel("Email", new() { Exact = true });

    public ILocator SaveChangesButton => EditForm.GetByRole(AriaRole.Button, new() { Name = "Save changes", Exact = true });

    /// <summary>The conflict message shown in the edit form when someone else saved first.</summary>
    public ILocator EditAlert => EditForm.GetByRole(AriaRole.Alert);

    /// <summary>Outcome messages ("… was saved.", "… is suspended …").</summary>
    public ILocator Notice(string text) => Content.GetByRole(AriaRole.Status).Filter(new() { HasText = text });

    public ILocator Error => Content.GetByRole(AriaRole.Alert);

    public Grid Orders => new(Content.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^Orders of ") }));

    public ILocator NewOrderForm => Content.GetByRole(AriaRole.Region, new() { Name = "New order", Exact = true });

    public ILocator Amount => NewOrderForm.GetByLabel("Amount", new() { Exact = true });

    public ILocator Currency => NewOrderForm.GetByLabel("Currency", new() { Exact = true });

    public ILocator CreateOrderButton => NewOrderForm.GetByRole(AriaRole.Button, new() { Name = "Create order", Exact = true });

    /// <summary>The link in "Order #N was created."</summary>
    public ILocator CreatedOrderLink => NewOrderForm.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link);

    public Task GotoAsync(int id) => page.GotoInteractiveAsync(PathOf(id));

    public async Task EditAsync(string name, string email)
    {
        await EditButton.ClickAsync();
        await EditName.FillAsync(name);
        await EditEmail.FillAsync(email);
        await SaveChangesButton.ClickAsync();
    }

    public Task SuspendAsync() => SuspendButton.ClickAsync();

    public Task ActivateAsync() => ActivateButton.ClickAsync();

    public async Task DeleteAsync()
    {
        await DeleteButton.ClickAsync();
        await ConfirmDeleteButton.ClickAsync();
    }

    public async Task CreateOrderAsync(string amount, string currency)
    {
        await Amount.FillAsync(amount);
        await Currency.SelectOptionAsync(currency);
        await CreateOrderButton.ClickAsync();
    }
}
