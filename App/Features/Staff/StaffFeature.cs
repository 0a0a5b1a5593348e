using AdminPortal.Data;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Staff;

public static class StaffFeature
{
    /// <summary>Staff accounts (the Staff page and <c>/api/staff</c>) and the first Admin of a new database.</summary>
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddStaff();
        builder.Services.AddOptions<FirstAdminOptions>().BindConfiguration(SeedOptions.Section);
        builder.Services.AddSingleton(sp => new StaffSeeder(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IOptions<FirstAdminOptions>>(), Console.Out));
        return builder;
    }

    /// <summary>The staff service; the component tests register it through this too.</summary>
    public static IServiceCollection AddStaff(this IServiceCollection services) => services.AddScoped<StaffService>();
}
