using AdminPortal.Data;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Staff;

public static class StaffFeature
{
    /// <summary>Staff accounts (the Staff page and <c>/api/staff</c>) and the first Admin of a new database.</summary>
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FirstAdminOptions>().BindConfiguration(SeedOptions.Section);
        builder.Services.AddScoped<StaffService>();
        builder.Services.AddSingleton(sp => new StaffSeeder(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IOptions<FirstAdminOptions>>(), Console.Out));
        return builder;
    }
}
