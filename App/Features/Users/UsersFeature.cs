namespace AdminPortal.Features.Users;

public static class UsersFeature
{
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UsersService>();
        return builder;
    }
}
