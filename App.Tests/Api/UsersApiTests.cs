using System.Net;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>The users rows of docs/contract.md §7, each success and each listed error, through the real pipeline.</summary>
[TestClass]
public sealed class UsersApiTests
{
    [TestMethod]
    public async Task Creating_a_user_answers_201_with_location_etag_and_the_normalised_user()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        var created = (await api.PostAsync("/api/users", new { name = "  Ann Lee ", email = " Ann.Lee@Example.COM " })).Is(HttpStatusCode.Created);

        Assert.AreEqual($"/api/users/{created.Id}", created.Headers.Location?.OriginalString);
        Assert.AreEqual("\"1\"", created.ETag);
        Assert.AreEqual("Ann Lee", created.String("name"));
        Assert.AreEqual("ann.lee@example.com", created.String("email"));
        Assert.AreEqual("active", created.String("status"));
    }

    [TestMethod]
    public async Task A_created_user_reads_back_identically_at_its_location()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var created = await api.CreateUserAsync("Ben Ode");

        var read = (await api.GetAsync(created.Headers.Location!.OriginalString)).Is(HttpStatusCode.OK);

        Assert.AreEqual(created.Text, read.Text);
        Assert.AreEqual(created.ETag, read.ETag);
    }

    [TestMethod]
    public async Task A_user_created_in_the_database_is_served_by_the_api()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var stored = await portal.AddUserAsync(new UserBuilder().Named("Cleo Diaz").WithEmail("cleo@example.com").Suspended());
        using var api = await ApiClient.AdminAsync(portal);

        var read = (await api.GetAsync($"/api/users/{stored.Id}")).Is(HttpStatusCode.OK);

        Assert.AreEqual("Cleo Diaz", read.String("name"));
        Assert.AreEqual("cleo@example.com", read.String("email"));
        Assert.AreEqual("suspended", read.String("status"));
        Assert.AreEqual("2026-01-01T00:00:00Z", read.String("createdAt"));
    }

    [TestMethod]
    [DataRow("", "ann@example.com", "name")]
    [DataRow("Ann", "not-an-email", "email")]
    [DataRow("Ann", "Ann <ann@example.com>", "email")]
    public async Task Creating_an_invalid_user_answers_400_naming_the_field(string name, string email, string field)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        var problem = (await api.PostAsync("/api/users", new { name, email })).Problem(HttpStatusCode.BadRequest, field);

        Assert.AreEqual(1, problem.GetProperty("errors").EnumerateObject().Count(), "only the bad field is named");
    }

    [TestMethod]
    public async Task Creating_a_user_with_a_taken_email_in_any_case_answers_409()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        await api.CreateUserAsync(email: "taken@example.com");

        var problem = (await api.PostAsync("/api/users", new { name = "Other", email = "TAKEN@example.com" })).Problem(HttpStatusCode.Conflict);

        Assert.AreEqual(UserRules.EmailTaken, problem.GetProperty("detail").GetString());
    }

    [TestMethod]
    public async Task An_unknown_user_answers_404()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        (await api.GetAsync("/api/users/999")).Problem(HttpStatusCode.NotFound);
        (await api.PutAsync("/api/users/999", new { name = "A", email = "a@example.com", status = "active" })).Problem(HttpStatusCode.NotFound);
        (await api.DeleteAsync("/api/users/999")).Problem(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task The_list_pages_with_defaults_and_counts_every_match()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        for (var i = 0; i < 27; i++)
        {
            await portal.AddUserAsync(new UserBuilder().Named($"User {i:00}").WithEmail($"u{i:00}@example.com"));
        }

        var first = (await api.GetAsync("/api/users")).Is(HttpStatusCode.OK).Body;
        var second = (await api.GetAsync("/api/users?page=2&pageSize=25")).Is(HttpStatusCode.OK).Body;

        Assert.AreEqual((1, ListRules.DefaultPageSize, 27), (first.GetProperty("page").GetInt32(), first.GetProperty("pageSize").GetInt32(), first.GetProperty("totalCount").GetInt32()));
        Assert.AreEqual(25, first.GetProperty("items").GetArrayLength());
        Assert.AreEqual(2, second.GetProperty("items").GetArrayLength());
        Assert.AreEqual("User 25", second.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [TestMethod]
    public async Task The_list_searches_by_name_or_email_prefix_and_filters_by_status()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        await portal.AddUserAsync(new UserBuilder().Named("Zoe Park").WithEmail("zoe@example.com"));
        await portal.AddUserAsync(new UserBuilder().Named("Yann Zola").WithEmail("yz@example.com").Suspended());
        await portal.AddUserAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com"));

        var byPrefix = Names((await api.GetAsync("/api/users?search=Zo")).Is(HttpStatusCode.OK));
        var byEmail = Names((await api.GetAsync("/api/users?search=YZ")).Is(HttpStatusCode.OK));
        var suspended = Names((await api.GetAsync("/api/users?status=suspended")).Is(HttpStatusCode.OK));

        CollectionAssert.AreEqual(new[] { "Zoe Park" }, byPrefix);
        CollectionAssert.AreEqual(new[] { "Yann Zola" }, byEmail);
        CollectionAssert.AreEqual(new[] { "Yann Zola" }, suspended);
    }

    [TestMethod]
    [DataRow("name", new[] { "Ann", "Bob", "Cy" })]
    [DataRow("-name", new[] { "Cy", "Bob", "Ann" })]
    [DataRow("email", new[] { "Cy", "Ann", "Bob" })]
    [DataRow("-email", new[] { "Bob", "Ann", "Cy" })]
    [DataRow("createdAt", new[] { "Bob", "Cy", "Ann" })]
    [DataRow("-createdAt", new[] { "Ann", "Cy", "Bob" })]
    public async Task The_list_sorts_by_each_allowed_field_both_ways(string sort, string[] expected)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        // Created in this order (createdAt ascending): Bob, Cy, Ann; emails order Cy, Ann, Bob.
        await api.CreateUserAsync("Bob", "c-bob@example.com");
        await api.CreateUserAsync("Cy", "a-cy@example.com");
        await api.CreateUserAsync("Ann", "b-ann@example.com");

        var names = Names((await api.GetAsync($"/api/users?sort={sort}")).Is(HttpStatusCode.OK));

        CollectionAssert.AreEqual(expected, names);
    }

    [TestMethod]
    [DataRow("page=0", "page")]
    [DataRow("page=-1", "page")]
    [DataRow("page=abc", "page")]
    [DataRow("page=1.5", "page")]
    [DataRow("pageSize=0", "pageSize")]
    [DataRow("pageSize=101", "pageSize")]
    [DataRow("pageSize=ten", "pageSize")]
    [DataRow("sort=password", "sort")]
    [DataRow("sort=--name", "sort")]
    [DataRow("status=deleted", "status")]
    [DataRow("status=1", "status")]
    public async Task A_bad_list_parameter_answers_400_naming_it(string query, string parameter)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        (await api.GetAsync($"/api/users?{query}")).Problem(HttpStatusCode.BadRequest, parameter);
    }

    [TestMethod]
    public async Task An_unknown_query_parameter_is_ignored()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        (await api.GetAsync("/api/users?colour=blue")).Is(HttpStatusCode.OK);
    }

    [TestMethod]
    public async Task Updating_a_user_changes_every_field_and_moves_the_etag()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var created = await api.CreateUserAsync();

        var updated = (await api.PutAsync($"/api/users/{created.Id}", new { name = " Ann Other ", email = "OTHER@example.com", status = "suspended" }, created.ETag))
            .Is(HttpStatusCode.OK);

        Assert.AreEqual(("Ann Other", "other@example.com", "suspended"), (updated.String("name"), updated.String("email"), updated.String("status")));
        Assert.AreEqual("\"2\"", updated.ETag);
        Assert.AreEqual(updated.Text, (await api.GetAsync($"/api/users/{created.Id}")).Is(HttpStatusCode.OK).Text);
    }

    [TestMethod]
    public async Task Updating_without_if_match_is_allowed()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var created = await api.CreateUserAsync();

        (await api.PutAsync($"/api/users/{created.Id}", new { name = "New", email = created.String("email"), status = "active" })).Is(HttpStatusCode.OK);
    }

    [TestMethod]
    [DataRow("*")]
    [DataRow("\"9\", \"1\"")]
    public async Task Updating_with_a_wildcard_or_a_list_holding_the_current_etag_succeeds(string ifMatch)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var created = await api.CreateUserAsync();

        (await api.PutAsync($"/api/users/{created.Id}", new { name = "New", email = created.String("email"), status = "active" }, ifMatch)).Is(HttpStatusCode.OK);
    }

    [TestMethod]
    [DataRow("name", "", "email")]
    [DataRow("email", "x", "name")]
    [DataRow("status", null, "name")]
    public async Task Updating_with_an_invalid_field_answers_400_naming_it(string field, string? value, string keep)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var created = await api.CreateUserAsync();
        var body = new Dictionary<string, string?> { ["name"] = "Ann", ["email"] = created.String("email"), ["status"] = "active", [field] = value };

        (await api.PutAsync($"/api/users/{created.Id}", body)).Problem(HttpStatusCode.BadRequest, field);

        Assert.AreEqual(created.Text, (await api.GetAsync($"/api/users/{created.Id}")).Is(HttpStatusCode.OK).Text, $"nothing saved (kept {keep})");
    }

    [TestMethod]
    public async Task Updating_to_another_users_email_answers_409()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        await api.CreateUserAsync(email: "first@example.com");
        var second = await api.CreateUserAsync();

        (await api.PutAsync($"/api/users/{second.Id}", new { name = "Ann", email = "first@example.com", status = "active" })).Problem(HttpStatusCode.Conflict);
    }

    [TestMethod]
    public async Task Updating_with_a_stale_if_match_answers_412_and_saves_nothing()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var created = await api.CreateUserAsync();
        var firstEdit = (await api.PutAsync($"/api/users/{created.Id}", new { name = "First", email = created.String("email"), status = "active" }, created.ETag))
            .Is(HttpStatusCode.OK);

        (await api.PutAsync($"/api/users/{created.Id}", new { name = "Second", email = created.String("email"), status = "active" }, created.ETag))
            .Problem(HttpStatusCode.PreconditionFailed);

        Assert.AreEqual(firstEdit.Text, (await api.GetAsync($"/api/users/{created.Id}")).Is(HttpStatusCode.OK).Text);
    }

    [TestMethod]
    public async Task Deleting_a_user_without_orders_answers_204_and_it_is_gone()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var created = await api.CreateUserAsync();

        (await api.DeleteAsync($"/api/users/{created.Id}", created.ETag)).Is(HttpStatusCode.NoContent);

        (await api.GetAsync($"/api/users/{created.Id}")).Problem(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Deleting_a_user_with_orders_answers_409_and_keeps_them()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        await api.CreateOrderAsync(user.Id);

        var problem = (await api.DeleteAsync($"/api/users/{user.Id}")).Problem(HttpStatusCode.Conflict);

        Assert.AreEqual(UsersService.HasOrders, problem.GetProperty("detail").GetString());
        (await api.GetAsync($"/api/users/{user.Id}")).Is(HttpStatusCode.OK);
    }

    [TestMethod]
    public async Task Deleting_with_a_stale_if_match_answers_412_and_keeps_the_user()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        (await api.PutAsync($"/api/users/{user.Id}", new { name = "Renamed", email = user.String("email"), status = "active" })).Is(HttpStatusCode.OK);

        (await api.DeleteAsync($"/api/users/{user.Id}", user.ETag)).Problem(HttpStatusCode.PreconditionFailed);

        (await api.GetAsync($"/api/users/{user.Id}")).Is(HttpStatusCode.OK);
    }

    [TestMethod]
    public async Task A_user_with_orders_can_be_suspended_and_then_gets_no_new_orders()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        await api.CreateOrderAsync(user.Id);

        (await api.PutAsync($"/api/users/{user.Id}", new { name = "Ann Lee", email = user.String("email"), status = "suspended" }, user.ETag)).Is(HttpStatusCode.OK);

        var problem = (await api.PostAsync("/api/orders", new { userId = user.Id, amount = 5m })).Problem(HttpStatusCode.Conflict);
        Assert.AreEqual(OrderRules.UserSuspended, problem.GetProperty("detail").GetString());
    }

    private static string[] Names(ApiResponse page) =>
        page.Body.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToArray();
}
