using AdminPortal.Features.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Features.Users;

public static class UsersFeature
{
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddUsers();
        return builder;
    }

    /// <summary>The user services; the component tests register them through this too.</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddScoped<UsersService>();
        services.TryAddSingleton<IChangeNotifier, InProcessChangeNotifier>();
        return services;
    }
}
