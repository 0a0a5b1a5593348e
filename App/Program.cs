using AdminPortal.Components;
using AdminPortal.Components.Shared;
using AdminPortal.Data;
using AdminPortal.Data.Seeding;
using AdminPortal.Features.Audit;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Staff;
using AdminPortal.Features.Users;

// `seed …` is a command, not configuration: keep its arguments away from the host.
var isSeed = SeedCommand.IsInvocation(args);
var builder = WebApplication.CreateBuilder(isSeed ? [] : args);

builder.AddProxyHeaders();
builder.AddTextCompression();
builder.AddAppDatabase();
builder.AddSharedDataProtection();
builder.AddDatabaseHealthCheck();
builder.AddStaffAuth();
builder.AddStaff();
builder.AddAudit();
builder.AddUsers();
builder.AddOrders();
builder.AddPayments();
builder.AddApi();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ApiProblems>();
builder.AddPortalPages();

var app = builder.Build();

if (isSeed)
{
    return await SeedCommand.RunAsync(app.Services, args, Console.Out, Console.Error, SeedProgressViews.ForConsole());
}

// A bad setting stops the app here, naming its key, before anything touches the database.
app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<StaffSeeder>().EnsureRolesAndFirstAdminAsync(app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<TokenSigningKey>().LoadAsync(app.Lifetime.ApplicationStopping);

// HEAD is served as GET, so it must be rewritten before routing picks the endpoint; routing then
// comes first, where the host would have put it.
app.UseProxyHeaders();
app.UseHeadAsGet();
app.UseTextCompression();
app.UseRouting();
app.UseSecurityHeaders();
app.UseExceptionHandler("/Error", createScopeForErrors: true);
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

// The API answers errors as problem+json; pages show the not-found page.
app.UseWhen(context => ApiRequests.IsApi(context.Request), api => api.UseStatusCodePages());
app.UseWhen(context => !ApiRequests.IsApi(context.Request), pages =>
    pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

app.UseRoutingRejectionsAsAnswered();
app.UseAuthentication();
app.UseMfaRequirement();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapDatabaseHealth();
app.MapAuthApi();
app.MapStaffApi();
app.MapAuditApi();
app.MapUsersApi();
app.MapOrdersApi();
app.MapOrdersExport();
app.MapApiDocument();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>The entry point; public so the test hosts can start it.</summary>
public partial class Program;
