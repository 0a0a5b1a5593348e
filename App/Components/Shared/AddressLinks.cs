using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace AdminPortal.Components.Shared;

/// <summary>
/// A component whose links are built from the current address, which changes without its
/// parameters changing (another filter, another page): it renders again after every navigation.
/// </summary>
public abstract class AddressLinks : ComponentBase, IDisposable
{
    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Navigation.LocationChanged -= OnLocationChanged;
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(StateHasChanged);
}
