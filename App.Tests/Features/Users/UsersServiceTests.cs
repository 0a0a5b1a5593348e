using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Features.Users;

/// <summary>The users service on a real SQLite database with the real migrations; one database per test.</summary>
[TestClass]
public sealed class UsersServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly RecordingNotifier _changes = new();
    private TestDatabase _database = null!;

    private UsersService Users => new(_database, _time, _changes);

    [TestInitialize]
    public async Task CreateDatabase() => _database = await TestDatabase.CreateAsync();

    [TestCleanup]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [TestMethod]
    public async Task The_default_list_is_sorted_by_name_25_to_a_page()
    {
        await AddAsync(Enumerable.Range(1, 30).Select(i => new UserBuilder().Named($"User {i:00}").Build()).ToArray());

        var page = await Users.ListAsync(new UserQuery());

        Assert.AreEqual((1, 25, 30, 2), (page.PageNumber, page.PageSize, page.TotalCount, page.PageCount));
        Assert.AreEqual("User 01", page.Items[0].Name);
        Assert.AreEqual("User 25", page.Items[^1].Name);
    }

    [TestMethod]
    public async Task Search_matches_the_start_of_the_name_or_of_the_email_in_any_case()
    {
        await AddAsync(
            new UserBuilder().Named("Ann Lee").WithEmail("lee@example.com").Build(),
            new UserBuilder().Named("Bo Park").WithEmail("annex@example.com").Build(),
            new UserBuilder().Named("Cy Ann").WithEmail("cy@example.com").Build());

        var byName = await Users.ListAsync(new UserQuery(Search: " Ann "));
        var byEmail = await Users.ListAsync(new UserQuery(Search: "ANNEX@"));

        CollectionAssert.AreEqual(new[] { "Ann Lee", "Bo Park" }, byName.Items.Select(u => u.Name).ToArray());
        Assert.AreEqual(2, byName.TotalCount);
        CollectionAssert.AreEqual(new[] { "Bo Park" }, byEmail.Items.Select(u => u.Name).ToArray());
    }

    [TestMethod]
    public async Task Search_wildcards_are_taken_literally()
    {
        await AddAsync(
            new UserBuilder().Named("Ann Lee").Build(),
            new UserBuilder().Named("100% Ann").Build());

        var percent = await Users.ListAsync(new UserQuery(Search: "%"));
        var underscore = await Users.ListAsync(new UserQuery(Search: "_nn"));

        Assert.AreEqual(0, percent.TotalCount);
        Assert.AreEqual(0, underscore.TotalCount);
    }

    [TestMethod]
    public async Task The_status_filter_and_the_search_combine()
    {
        await AddAsync(
            new UserBuilder().Named("Ann Lee").Build(),
            new UserBuilder().Named("Ann Other").Suspended().Build(),
            new UserBuilder().Named("Bo Park").Suspended().Build());

        var suspended = await Users.ListAsync(new UserQuery(Status: UserStatus.Suspended));
        var suspendedAnns = await Users.ListAsync(new UserQuery(Search: "Ann", Status: UserStatus.Suspended));

        CollectionAssert.AreEqual(new[] { "Ann Other", "Bo Park" }, suspended.Items.Select(u => u.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "Ann Other" }, suspendedAnns.Items.Select(u => u.Name).ToArray());
    }

    [TestMethod]
    [DataRow("name", new[] { "Ann", "Bo", "Cy" })]
    [DataRow("-name", new[] { "Cy", "Bo", "Ann" })]
    [DataRow("email", new[] { "Cy", "Ann", "Bo" })]
    [DataRow("-EMAIL", new[] { "Bo", "Ann", "Cy" })]
    [DataRow("createdAt", new[] { "Bo", "Cy", "Ann" })]
    [DataRow("-createdAt", new[] { "Ann", "Cy", "Bo" })]
    public async Task Each_sort_field_orders_both_ways(string sort, string[] expected)
    {
        await AddAsync(
            Created(new UserBuilder().Named("Ann").WithEmail("b@example.com").Build(), day: 3),
            Created(new UserBuilder().Named("Bo").WithEmail("c@example.com").Build(), day: 1),
            Created(new UserBuilder().Named("Cy").WithEmail("a@example.com").Build(), day: 2));

        var page = await Users.ListAsync(new UserQuery(Sort: sort));

        CollectionAssert.AreEqual(expected, page.Items.Select(u => u.Name).ToArray());
    }

    [TestMethod]
    public async Task Equal_names_keep_a_stable_order_across_pages()
    {
        var twins = Enumerable.Range(0, 5).Select(_ => new UserBuilder().Named("Ann Lee").Build()).ToArray();
        await AddAsync(twins);

        var first = await Users.ListAsync(new UserQuery(PageSize: 3));
        var second = await Users.ListAsync(new UserQuery(Page: 2, PageSize: 3));

        CollectionAssert.AreEqual(
            twins.Select(u => u.Id).Order().ToArray(),
            first.Items.Concat(second.Items).Select(u => u.Id).ToArray());
    }

    [TestMethod]
    public async Task Paging_picks_the_rows_and_counts_them_all()
    {
        await AddAsync(new[] { "Ann", "Bea", "Cy", "Dee", "Eve" }.Select(n => new UserBuilder().Named(n).Build()).ToArray());

        var page = await Users.ListAsync(new UserQuery(Page: 2, PageSize: 2));
        var pastTheEnd = await Users.ListAsync(new UserQuery(Page: 9, PageSize: 2));

        CollectionAssert.AreEqual(new[] { "Cy", "Dee" }, page.Items.Select(u => u.Name).ToArray());
        Assert.AreEqual((2, 2, 5, 3), (page.PageNumber, page.PageSize, page.TotalCount, page.PageCount));
        Assert.IsEmpty(pastTheEnd.Items);
        Assert.AreEqual(5, pastTheEnd.TotalCount);
    }

    [TestMethod]
    [DataRow(0, null, null, "page")]
    [DataRow(-1, null, null, "page")]
    [DataRow(null, 0, null, "pageSize")]
    [DataRow(null, 101, null, "pageSize")]
    [DataRow(null, null, "password", "sort")]
    [DataRow(null, null, "-", "sort")]
    public async Task Bad_paging_or_sort_is_refused_under_its_key(int? page, int? pageSize, string? sort, string key)
    {
        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(
            () => Users.ListAsync(new UserQuery(Sort: sort, Page: page, PageSize: pageSize)));

        CollectionAssert.AreEqual(new[] { key }, error.Errors.Keys.ToArray());
    }

    [TestMethod]
    public async Task Every_bad_list_value_is_reported_at_once()
    {
        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(
            () => Users.ListAsync(new UserQuery(Sort: "x", Page: 0, PageSize: 500)));

        CollectionAssert.AreEquivalent(new[] { "page", "pageSize", "sort" }, error.Errors.Keys.ToArray());
        Assert.AreEqual(ListRules.PageInvalid, error.Errors["page"].Single());
        Assert.AreEqual(ListRules.PageSizeInvalid, error.Errors["pageSize"].Single());
    }

    [TestMethod]
    public async Task An_update_stores_trimmed_lower_cased_values_bumps_the_version_and_publishes()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());
        _time.Advance(TimeSpan.FromHours(1));

        var updated = await Users.UpdateAsync(ann.Id, new UserChange("  Ann Smith ", " Ann.Smith@Example.COM ", UserStatus.Suspended), expectedVersion: 1, "agent@example.com");

        var stored = await Users.GetAsync(ann.Id);
        Assert.AreEqual(updated, stored);
        Assert.AreEqual(("Ann Smith", "ann.smith@example.com", UserStatus.Suspended, 2), (stored.Name, stored.Email, stored.Status, stored.Version));
        Assert.AreEqual(Now.AddHours(1).UtcDateTime, stored.UpdatedAt);
        Assert.AreEqual(ann.CreatedAt, stored.CreatedAt);
        CollectionAssert.AreEqual(new[] { new ChangeEvent(ChangedEntity.User, ann.Id) }, _changes.Published.ToArray());
    }

    [TestMethod]
    public async Task An_update_that_changes_nothing_writes_and_publishes_nothing()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());

        var result = await Users.UpdateAsync(ann.Id, new UserChange(" Ann Lee", "ANN@example.com", UserStatus.Active), expectedVersion: 1, "agent@example.com");

        Assert.AreEqual(1, result.Version);
        Assert.AreEqual(1, (await Users.GetAsync(ann.Id)).Version);
        Assert.IsEmpty(_changes.Published);
    }

    [TestMethod]
    public async Task An_update_to_another_users_email_is_a_conflict_on_the_email_field()
    {
        await AddAsync(new UserBuilder().WithEmail("bo@example.com").Build());
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com").Build());

        var error = await Assert.ThrowsExactlyAsync<ConflictException>(
            () => Users.UpdateAsync(ann.Id, new UserChange("Ann Renamed", "BO@example.com", UserStatus.Active), expectedVersion: 1, "agent@example.com"));

        Assert.AreEqual(("email", UserRules.EmailTaken), (error.Field, error.Message));
        var stored = await Users.GetAsync(ann.Id);
        Assert.AreEqual(("Ann Lee", "ann@example.com", 1), (stored.Name, stored.Email, stored.Version));
        Assert.IsEmpty(_changes.Published);
    }

    [TestMethod]
    public async Task An_update_from_a_stale_version_is_refused_and_overwrites_nothing()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        await Users.UpdateAsync(ann.Id, new UserChange("Theirs", ann.Email, UserStatus.Active), expectedVersion: 1, "agent@example.com");
        var publishedBefore = _changes.Published.Count;

        var error = await Assert.ThrowsExactlyAsync<ConcurrencyConflictException>(
            () => Users.UpdateAsync(ann.Id, new UserChange("Mine", ann.Email, UserStatus.Suspended), expectedVersion: 1, "agent@example.com"));

        Assert.AreEqual(ann.Id, error.Id);
        var stored = await Users.GetAsync(ann.Id);
        Assert.AreEqual(("Theirs", UserStatus.Active, 2), (stored.Name, stored.Status, stored.Version));
        Assert.HasCount(publishedBefore, _changes.Published, "the refused write publishes nothing");
    }

    [TestMethod]
    public async Task An_invalid_update_names_every_bad_field()
    {
        var ann = await AddAsync(new UserBuilder().Build());

        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(
            () => Users.UpdateAsync(ann.Id, new UserChange(" ", "not-an-email", null), expectedVersion: 1, "agent@example.com"));

        Assert.AreEqual(UserRules.NameRequired, error.Errors["name"].Single());
        Assert.AreEqual(UserRules.EmailInvalid, error.Errors["email"].Single());
        Assert.IsTrue(error.Errors.ContainsKey("status"));
    }

    [TestMethod]
    public async Task Updating_or_deleting_an_unknown_user_is_not_found()
    {
        await Assert.ThrowsExactlyAsync<NotFoundException>(
            () => Users.UpdateAsync(404, new UserChange("Ann", "ann@example.com", UserStatus.Active), expectedVersion: null, "agent@example.com"));
        await Assert.ThrowsExactlyAsync<NotFoundException>(() => Users.DeleteAsync(404, expectedVersion: null, "agent@example.com"));
        await Assert.ThrowsExactlyAsync<NotFoundException>(() => Users.GetAsync(404));
    }

    [TestMethod]
    public async Task A_user_with_orders_cannot_be_deleted()
    {
        var ann = await AddAsync(new UserBuilder().Build());
        await AddOrderAsync(ann);

        Assert.IsFalse(await Users.CanDeleteAsync(ann.Id));
        var error = await Assert.ThrowsExactlyAsync<ConflictException>(() => Users.DeleteAsync(ann.Id, expectedVersion: 1, "agent@example.com"));

        Assert.AreEqual(UsersService.HasOrders, error.Message);
        Assert.AreEqual(ann.Id, (await Users.GetAsync(ann.Id)).Id);
        Assert.IsEmpty(_changes.Published);
    }

    [TestMethod]
    public async Task A_user_without_orders_is_deleted_and_the_change_published()
    {
        var ann = await AddAsync(new UserBuilder().Build());
        var other = await AddAsync(new UserBuilder().Build());
        await AddOrderAsync(other);

        Assert.IsTrue(await Users.CanDeleteAsync(ann.Id));
        await Users.DeleteAsync(ann.Id, expectedVersion: 1, "agent@example.com");

        await Assert.ThrowsExactlyAsync<NotFoundException>(() => Users.GetAsync(ann.Id));
        CollectionAssert.AreEqual(new[] { new ChangeEvent(ChangedEntity.User, ann.Id) }, _changes.Published.ToArray());
    }

    [TestMethod]
    public async Task A_delete_from_a_stale_version_is_refused()
    {
        var ann = await AddAsync(new UserBuilder().Named("Ann Lee").Build());
        await Users.UpdateAsync(ann.Id, new UserChange("Ann Smith", ann.Email, UserStatus.Active), expectedVersion: 1, "agent@example.com");

        await Assert.ThrowsExactlyAsync<ConcurrencyConflictException>(() => Users.DeleteAsync(ann.Id, expectedVersion: 1, "agent@example.com"));

        Assert.AreEqual("Ann Smith", (await Users.GetAsync(ann.Id)).Name);
    }

    private async Task<User> AddAsync(User user)
    {
        await AddAsync([user]);
        return user;
    }

    private async Task AddAsync(params User[] users)
    {
        await using var db = _database.CreateDbContext();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
    }

    private async Task AddOrderAsync(User user)
    {
        await using var db = _database.CreateDbContext();
        db.Users.Attach(user);
        db.Orders.Add(new OrderBuilder().ForUser(user).Build());
        await db.SaveChangesAsync();
    }

    private static User Created(User user, int day)
    {
        user.CreatedAt = new DateTime(2026, 1, day, 0, 0, 0, DateTimeKind.Utc);
        return user;
    }

    [TestMethod]
    public async Task A_page_number_too_large_to_address_is_refused_instead_of_wrapping_round()
    {
        var error = await Assert.ThrowsExactlyAsync<AdminPortal.Features.Common.ValidationFailedException>(() =>
            Users.ListAsync(new UserQuery(Page: 42_949_673, PageSize: 100)));

        Assert.AreEqual(AdminPortal.Features.Common.ListRules.PageInvalid, error.Errors["page"].Single());
    }
}
