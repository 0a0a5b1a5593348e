using AdminPortal.Components;
using AdminPortal.Data;
using AdminPortal.Data.Seeding;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Users;

// `seed …` is a command, not configuration: keep its arguments away from the host.
var isSeed = SeedCommand.IsInvocation(args);
var builder = WebApplication.CreateBuilder(isSeed ? [] : args);

builder.AddAppDatabase();
builder.AddDatabaseHealthCheck();
builder.AddUsers();
builder.AddOrders();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

if (isSeed)
{
    return await SeedCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
}

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapDatabaseHealth();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>The entry point; public so the test hosts can start it.</summary>
public partial class Program;
