using System.Net;
using AdminPortal.Data;
using System.Reflection;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Reliability;

/// <summary>
/// The database goes away under a running app (its SQLite file is moved aside, a real "unable to
/// open database file") and comes back: meanwhile the API answers 503 problem+json with
/// Retry-After, pages say the database is unavailable, /health says 503 and nothing is written;
/// afterwards everything works again without a restart.
/// </summary>
[TestClass]
[TestCategory(Reliability.Category)]
public sealed class DatabaseOutageTests
{
    [TestMethod]
    public async Task While_the_database_is_away_every_request_is_told_so_and_the_app_recovers_by_itself_when_it_returns()
    {
        var gateway = new RecordingPaymentGateway();
        await using var portal = OutagePortal(gateway);
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync("Outage Olga", ApiSteps.UniqueEmail("olga"));
        var order = await api.CreateOrderAsync(user.Id, 12.00m);
        using var browser = await portal.CreateSignedInClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        using var anonymous = portal.CreateRawClient();
        var before = await portal.SnapshotAsync();

        await using (TakeAway(portal.DatabasePath))
        {
            foreach (var (method, path, body) in new (string, string, object?)[]
                     {
                         ("GET", $"/api/users/{user.Id}", null),
                         ("GET", "/api/users", null),
                         ("POST", "/api/users", new { name = "Ann Lee", email = ApiSteps.UniqueEmail() }),
                         ("PUT", $"/api/users/{user.Id}", new { name = "Renamed", email = user.String("email"), status = "active" }),
                         ("DELETE", $"/api/users/{user.Id}", null),
                         ("GET", $"/api/orders/{order.Id}", null),
                         ("GET", $"/api/orders/{order.Id}/history", null),
                         ("POST", "/api/orders", new { userId = user.Id, amount = 5.00m }),
                         ("POST", $"/api/orders/{order.Id}/transitions", new { to = "processing" }),
                         ("GET", "/api/staff", null),
                     })
            {
                var answer = await api.SendAsync(new HttpMethod(method), path, body is null ? null : JsonContent(body));
                AssertUnavailable(answer);
            }

            // The token endpoint (no bearer to check) reaches the staff store itself.
            AssertUnavailable(await new ApiClient(portal.CreateRawClient()).PostAsync("/api/auth/token", new { email = PortalFactory.AdminEmail, password = PortalFactory.AdminPassword }));

            using var health = await anonymous.GetAsync(DatabaseHealthExtensions.Path);
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, health.StatusCode);

            foreach (var page in new[] { "/", "/users", $"/users/{user.Id}", "/orders", $"/orders/{order.Id}" })
            {
                using var response = await browser.GetAsync(page);
                var markup = await response.Content.ReadAsStringAsync();
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, page);
                StringAssert.Contains(markup, "role=\"alert\"", page);
                StringAssert.Contains(markup, DbErrors.UnavailableMessage, page);
            }
        }

        // Back, with no restart: reads, writes, pages and health work again, and the outage wrote nothing.
        (await portal.SnapshotAsync()).AssertUnchangedSince(before, "during the outage");
        Assert.IsEmpty(gateway.Charges, "no charge was attempted for a move that could not be recorded");
        Assert.AreEqual("Outage Olga", (await api.GetAsync($"/api/users/{user.Id}")).Is(HttpStatusCode.OK).String("name"));
        (await api.MoveAsync(order.Id, "processing")).Is(HttpStatusCode.OK);
        using (var health = await anonymous.GetAsync(DatabaseHealthExtensions.Path))
        {
            Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        }

        using var usersPage = await browser.GetAsync("/users");
        var users = await usersPage.Content.ReadAsStringAsync();
        StringAssert.Contains(users, "Outage Olga");
        Assert.DoesNotContain(DbErrors.UnavailableMessage, users);
    }

    [TestMethod]
    public async Task A_page_whose_sign_in_is_due_for_its_check_during_an_outage_still_opens_and_says_the_database_is_unavailable()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = OutagePortal(new RecordingPaymentGateway(), time);
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var browser = await portal.CreateSignedInClientAsync(email, PortalFactory.StaffPassword);
        // The cookie is checked against the staff store once a minute: make the check due.
        time.Advance(TimeSpan.FromMinutes(2));

        string markup;
        HttpResponseMessage response;
        await using (TakeAway(portal.DatabasePath))
        {
            response = await browser.GetAsync("/users");
            markup = await response.Content.ReadAsStringAsync();
        }

        using (response)
        {
            // Still signed in (the check is due again next time); the page itself reports the outage.
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, markup);
            StringAssert.Contains(markup, DbErrors.UnavailableMessage);
        }

        // The check was not skipped, only put off: once the database is back a disabled member is out.
        await AdminPortal.Tests.Features.Auth.SignInTests.Disable(portal, email);
        using var after = await browser.GetAsync("/users");
        Assert.AreEqual(HttpStatusCode.Redirect, after.StatusCode);
        StringAssert.StartsWith(after.Headers.Location?.AbsolutePath ?? after.Headers.Location?.OriginalString, AdminPortal.Features.Auth.AuthFeature.SignInPath);
    }

    [TestMethod]
    public async Task An_open_pages_sign_in_survives_an_outage_and_is_checked_again_after_it()
    {
        await using var portal = OutagePortal(new RecordingPaymentGateway());
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        await using var scope = portal.Services.CreateAsyncScope();
        var staff = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>().CreateUserPrincipalAsync(staff!);
        var circuit = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        // The circuit's periodic check (every minute in the app), called directly.
        var revalidate = circuit.GetType().GetMethod("ValidateAuthenticationStateAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        Task<bool> CheckAsync() => (Task<bool>)revalidate.Invoke(circuit, [new AuthenticationState(principal), CancellationToken.None])!;

        bool during;
        await using (TakeAway(portal.DatabasePath))
        {
            during = await CheckAsync();
        }

        await AdminPortal.Tests.Features.Auth.SignInTests.Disable(portal, email);
        var afterDisable = await CheckAsync();

        Assert.IsTrue(during, "an outage does not sign staff out (nor stop the checks, as an exception would)");
        Assert.IsFalse(afterDisable, "once the database is back, a disabled member is signed out");
    }

    [TestMethod]
    public async Task Every_api_operation_documents_the_503_of_an_outage()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();
        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == System.Text.Json.JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                Assert.IsTrue(operation.Value.GetProperty("responses").TryGetProperty("503", out _), $"{operation.Name} {path.Name} documents 503");
            }
        }
    }

    [TestMethod]
    [DataRow(14, true)] // SQLITE_CANTOPEN: the file is gone or unreadable
    [DataRow(5, true)] // SQLITE_BUSY: another writer held the lock past the time-out
    [DataRow(10, true)] // SQLITE_IOERR
    [DataRow(13, true)] // SQLITE_FULL
    [DataRow(19, false)] // SQLITE_CONSTRAINT: a rule of the data, not an outage
    [DataRow(1, false)] // SQLITE_ERROR: a bad statement is a defect (500), not something to retry
    public void A_provider_error_is_an_outage_only_when_retrying_later_can_help(int sqliteCode, bool unavailable)
    {
        var error = new SqliteException("test", sqliteCode);

        Assert.AreEqual(unavailable, DbErrors.IsUnavailable(error), "as thrown");
        Assert.AreEqual(unavailable, DbErrors.IsUnavailable(new DbUpdateException("save failed", error)), "wrapped by SaveChanges");
        var problem = AdminPortal.Features.Common.ApiProblems.ToProblem(new InvalidOperationException("outer", error));
        Assert.AreEqual(unavailable ? 503 : null, problem?.Status, "the API's answer");
        Assert.IsFalse(DbErrors.IsUnavailable(new InvalidOperationException("not a database error")));
    }

    /// <summary>A portal over a file it may open but never create: a missing file must stay missing.</summary>
    private static PortalFactory OutagePortal(RecordingPaymentGateway gateway, TimeProvider? time = null)
    {
        var portal = new PortalFactory { Gateway = gateway, Time = time };
        File.WriteAllBytes(portal.DatabasePath, []);
        return portal.With("ConnectionStrings:Default", $"Data Source={portal.DatabasePath};Mode=ReadWrite");
    }

    private static void AssertUnavailable(ApiResponse answer)
    {
        var problem = answer.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.AreEqual(DbErrors.UnavailableMessage, problem.GetProperty("detail").GetString(), answer.Request);
        Assert.AreEqual(TimeSpan.FromSeconds(DbErrors.RetryAfterSeconds), answer.Headers.RetryAfter?.Delta, $"{answer.Request}: Retry-After");
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Moves the database file aside (pooled connections closed first) until disposed.</summary>
    private static Away TakeAway(string file)
    {
        SqliteConnection.ClearAllPools();
        File.Move(file, file + ".away");
        SqliteConnection.ClearAllPools();
        return new Away(file);
    }

    private sealed class Away(string file) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            File.Move(file + ".away", file);
            return ValueTask.CompletedTask;
        }
    }
}
