using AdminPortal.Features.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Features.Orders;

public static class OrdersFeature
{
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrdersService>();
        builder.Services.TryAddSingleton<IChangeNotifier, InProcessChangeNotifier>();
        builder.Services.AddScoped<OrderStatusService>();
        builder.Services.AddSingleton<OrderLocks>();
        builder.Services.AddScoped<OrderTransitionService>();
        return builder;
    }
}
