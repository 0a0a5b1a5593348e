using System.Security.Claims;
using AdminPortal.Components.Shared;
using AdminPortal.Features.Staff;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A bUnit context with the app's real authorization policies and a signed-in staff member of the
/// chosen role, so tests see exactly what that role would see. Components render as they do in
/// their circuit, interactive on the server.
/// </summary>
[TestCategory(InnerLoop.Category)]
public abstract class ComponentTest : BunitContext
{
    protected ComponentTest() => Services.AddPageActions();

    public override IRenderedComponent<TComponent> Render<TComponent>(RenderFragment renderFragment)
    {
        RenderInteractively();
        return base.Render<TComponent>(renderFragment);
    }

    public override IRenderedComponent<ContainerFragment> Render(RenderFragment renderFragment)
    {
        RenderInteractively();
        return base.Render(renderFragment);
    }

    /// <summary>How the next render runs: interactive on the server unless a test asks for the prerender.</summary>
    protected RendererInfo RenderAs { get; set; } = new("Server", isInteractive: true);

    // At each render, not in the constructor: the renderer is made from the services, which cannot change after.
    private void RenderInteractively() => Renderer.SetRendererInfo(RenderAs);

    /// <summary>
    /// Does what a user does (<c>() => page.Find("form").Submit()</c>) on the renderer's dispatcher, which
    /// runs it after any render in progress; the task completes once the handler has run to its first
    /// await and rendered. bUnit's synchronous helpers alone only queue the event when the renderer is
    /// busy on another thread (a page's continuation after an awaited database call), so the next line
    /// could read the markup from before it. Unlike the awaited <c>...Async</c> helpers, this does not
    /// wait for the rest of the handler, so it also suits one that waits on the test's clock (a debounce).
    /// </summary>
    protected Task UserAsync(Action action) => Renderer.Dispatcher.InvokeAsync(action);

    protected void SignInAs(string role, string email = "staff@example.com")
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)],
            authenticationType: "Test");
        // bUnit registers stand-ins that refuse to decide; the real service evaluates the real policies.
        Services.RemoveAll<IAuthorizationService>();
        Services.RemoveAll<IAuthorizationPolicyProvider>();
        Services.RemoveAll<AuthenticationStateProvider>();
        Services.AddAuthorizationBuilder().AddStaffPolicies();
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(new ClaimsPrincipal(identity)));
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
