using AdminPortal.Features.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Features.Users;

public static class UsersFeature
{
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UsersService>();
        builder.Services.TryAddSingleton<IChangeNotifier, InProcessChangeNotifier>();
        return builder;
    }
}
