namespace AdminPortal.Features.Orders;

public static class OrdersFeature
{
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrdersService>();
        builder.Services.AddScoped<OrderStatusService>();
        return builder;
    }
}
