using AdminPortal.Features.Common;

namespace AdminPortal.Features.Orders;

public static class OrdersFeature
{
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrdersService>();
        builder.AddChangeNotifications();
        builder.Services.AddScoped<OrderStatusService>();
        builder.Services.AddSingleton<OrderLocks>();
        builder.Services.AddScoped<OrderTransitionService>();
        return builder;
    }
}
