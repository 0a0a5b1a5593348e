using AdminPortal.Data;
using AdminPortal.Features.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AdminPortal.Components.Shared;

/// <summary>
/// Runs what a page or component does against the services, the same way everywhere. An action
/// (<see cref="RunAsync"/>) runs one at a time (<see cref="IsBusy"/>) and only for a role that
/// <see cref="WriteAccess"/> allows; a refusal of the domain is shown as its message unless the
/// caller shows it elsewhere (at a field). A load (<see cref="LoadAsync{T}"/>) counts only when it is
/// the latest. Anything unexpected is logged and shown as a plain message: the database outage one
/// when the database could not be reached (it passes by itself; staff should retry rather than report
/// it), else the caller's. Staff never see a stack trace. Registered transient: each component that
/// injects one gets its own.
/// </summary>
public sealed partial class PageAction(
    IAuthorizationService authorization,
    AuthenticationStateProvider authentication,
    NavigationManager navigation,
    ILogger<PageAction> logger)
{
    private int _loads;

    public bool IsBusy { get; private set; }

    /// <summary>
    /// Runs <paramref name="work"/> with the signed-in staff member's email (who the history and the
    /// payment records name), unless another action of this component is still running.
    /// </summary>
    /// <param name="access">Who may do this, and what the others are told.</param>
    /// <param name="failure">What staff are told when something unexpected failed.</param>
    /// <param name="refusal">The message for a refusal of the domain, null when the caller showed it itself; by default its own message.</param>
    /// <remarks>
    /// Whatever the page reads again after an action is read after this returns, so that the page
    /// renders once with the outcome and the data, and with its buttons enabled again.
    /// </remarks>
    /// <returns>The message for the caller's alert; null when there is none.</returns>
    public async Task<string?> RunAsync(WriteAccess access, Func<string, Task> work, string failure, Func<DomainException, string?>? refusal = null)
    {
        if (IsBusy)
        {
            return null;
        }

        IsBusy = true;
        try
        {
            var state = authentication.GetAuthenticationStateAsync();
            if (await WriteAccess.StaffEmailAsync(state) is not { Length: > 0 } staff || !await access.IsAllowedAsync(authorization, state))
            {
                return access.Refused;
            }

            await work(staff);
            return null;
        }
        catch (DomainException e)
        {
            return refusal is null ? e.Message : refusal(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, navigation.Uri, failure);
            return Describe(e, failure);
        }
        finally
        {
            IsBusy = false;
        }
    }

    /// <summary>
    /// Loads what the component shows. A load started later (a navigation, a live update) may
    /// finish first: then this one is not <see cref="PageLoad{T}.IsLatest"/> and its outcome is
    /// to be dropped. A refusal of the domain (not found, invalid filters) is handed back as it is.
    /// </summary>
    /// <param name="failure">What staff are told when something unexpected failed.</param>
    public async Task<PageLoad<T>> LoadAsync<T>(Func<Task<T>> load, string failure)
        where T : class
    {
        var number = ++_loads;
        try
        {
            var value = await load();
            return new PageLoad<T>(number == _loads, value, null, null);
        }
        catch (DomainException e)
        {
            return new PageLoad<T>(number == _loads, null, e, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, navigation.Uri, failure);
            return new PageLoad<T>(number == _loads, null, null, Describe(e, failure));
        }
    }

    private static string Describe(Exception exception, string otherwise) =>
        DbErrors.IsUnavailable(exception) ? DbErrors.UnavailableMessage : otherwise;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Page}: {Failure}")]
    private partial void LogFailed(Exception exception, string page, string failure);
}

/// <summary>The outcome of <see cref="PageAction.LoadAsync{T}"/>: the data, or the domain's refusal, or the message to show instead.</summary>
public sealed record PageLoad<T>(bool IsLatest, T? Value, DomainException? Refusal, string? Error)
    where T : class;

public static class PageActions
{
    /// <summary>The Blazor pages and what they share.</summary>
    public static IHostApplicationBuilder AddPortalPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddPageActions();
        return builder;
    }

    /// <summary>What the pages' components share; the component tests register the same.</summary>
    public static IServiceCollection AddPageActions(this IServiceCollection services) => services.AddTransient<PageAction>();
}
