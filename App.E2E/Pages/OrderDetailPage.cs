using System.Globalization;

namespace AdminPortal.E2E.Pages;

/// <summary>One order: status, the allowed actions as buttons, the history timeline and the payment records.</summary>
public sealed class OrderDetailPage(IPage page)
{
    /// <summary>The page once its circuit is attached (see <see cref="PageNavigation.InteractiveContent"/>).</summary>
    private ILocator Content => page.InteractiveContent();

    public static string PathOf(int id) => string.Create(CultureInfo.InvariantCulture, $"/orders/{id}");

    public ILocator Heading => Content.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Status => Content.GetByTestId("order-status");

    public ILocator Amount => Content.GetByTestId("order-amount");

    /// <summary>Present only for staff who may change orders.</summary>
    public ILocator Actions => Content.GetByRole(AriaRole.Region, new() { Name = "Actions", Exact = true });

    public ILocator PayButton => Action("Pay");

    public ILocator ShipButton => Action("Ship");

    public ILocator MarkDeliveredButton => Action("Mark delivered");

    public ILocator CancelButton => Action("Cancel");

    public ILocator Reason => Content.GetByLabel("Reason", new() { Exact = true });

    public ILocator ConfirmCancelButton => Action("Confirm cancel");

    public ILocator KeepOrderButton => Action("Keep order");

    /// <summary>The outcome of the last action when it succeeded.</summary>
    public ILocator Success => Content.GetByRole(AriaRole.Status);

    /// <summary>The outcome of the last action when it failed (declined, unavailable, conflict).</summary>
    public ILocator Failure => Content.GetByRole(AriaRole.Alert);

    /// <summary>Creation and every status change, oldest first, with who made it.</summary>
    public ILocator HistoryEntries => Content.GetByRole(AriaRole.Region, new() { Name = "History", Exact = true }).GetByRole(AriaRole.Listitem);

    public ILocator PaymentRecordsSection => Content.GetByRole(AriaRole.Region, new() { Name = "Payment records", Exact = true });

    public Grid PaymentRecords => new(PaymentRecordsSection.GetByRole(AriaRole.Table));

    public Task GotoAsync(int id) => page.GotoInteractiveAsync(PathOf(id));

    public Task PayAsync() => PayButton.ClickAsync();

    public Task ShipAsync() => ShipButton.ClickAsync();

    public Task MarkDeliveredAsync() => MarkDeliveredButton.ClickAsync();

    public async Task CancelAsync(string reason)
    {
        await CancelButton.ClickAsync();
        await Reason.FillAsync(reason);
        await ConfirmCancelButton.ClickAsync();
    }

    private ILocator Action(string name) => Content.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
