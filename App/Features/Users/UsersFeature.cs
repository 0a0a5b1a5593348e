using AdminPortal.Features.Common;

namespace AdminPortal.Features.Users;

public static class UsersFeature
{
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UsersService>();
        builder.AddChangeNotifications();
        return builder;
    }
}
