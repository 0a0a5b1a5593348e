using AdminPortal.Features.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Features.Orders;

public static class OrdersFeature
{
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOrders();
        return builder;
    }

    /// <summary>The order services; the component tests register them through this too.</summary>
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddScoped<OrdersService>();
        services.AddScoped<OrderTransitionService>();
        // One turn per order for the whole host: every circuit and request shares it.
        services.TryAddSingleton<OrderLocks>();
        services.TryAddSingleton<IOrderTurns>(sp => sp.GetRequiredService<OrderLocks>());
        services.TryAddSingleton<IChangeNotifier, InProcessChangeNotifier>();
        services.AddApiProblem<TransitionNotAllowedException>(e => ApiProblems.Problem(
            StatusCodes.Status409Conflict,
            "Transition not allowed",
            e.Message,
            ("current", ApiJson.Name(e.Current)),
            ("allowed", e.Allowed.Select(ApiJson.Name).ToArray())));
        return services;
    }
}
