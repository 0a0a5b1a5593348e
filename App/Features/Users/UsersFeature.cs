using AdminPortal.Features.Common;

namespace AdminPortal.Features.Users;

public static class UsersFeature
{
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        builder.AddChangeNotifications();
        builder.Services.AddUsers();
        return builder;
    }

    /// <summary>
    /// The user services; the component tests register them through this too, with a change
    /// notifier of their own (the app's is <see cref="ChangeNotifications.AddChangeNotifications"/>).
    /// </summary>
    /// <remarks>
    /// A singleton, as <c>OrdersService</c> is: it holds no state and needs only singletons, so
    /// neither a request nor a Blazor circuit resolves (and keeps) one of its own.
    /// </remarks>
    public static IServiceCollection AddUsers(this IServiceCollection services) => services.AddSingleton<UsersService>();
}
