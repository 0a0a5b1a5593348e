using AdminPortal.Features.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Features.Orders;

public static class OrdersFeature
{
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.AddChangeNotifications();
        builder.Services.AddOrders();
        return builder;
    }

    /// <summary>
    /// The order services; the component tests register them through this too, with a change
    /// notifier of their own (the app's is <see cref="ChangeNotifications.AddChangeNotifications"/>).
    /// </summary>
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        // Holds no state and needs only singletons: one for the host, so neither an API request
        // nor a circuit resolves (and keeps) one of its own.
        services.AddSingleton<OrdersService>();
        services.AddScoped<OrderTransitionService>();
        // The orders' turns are in the database, so they hold across instances; one per host keeps
        // this instance's waiting moves in one queue per order.
        services.TryAddSingleton<DatabaseOrderTurns>();
        services.TryAddSingleton<IOrderTurns>(sp => sp.GetRequiredService<DatabaseOrderTurns>());
        services.AddApiProblem<TransitionNotAllowedException>(e => ApiProblems.Problem(
            StatusCodes.Status409Conflict,
            "Transition not allowed",
            e.Message,
            ("current", ApiJson.Name(e.Current)),
            ("allowed", e.Allowed.Select(ApiJson.Name).ToArray())));
        return services;
    }
}
