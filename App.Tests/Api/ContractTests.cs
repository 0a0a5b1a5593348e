using System.Net;
using System.Text.Json;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>The contracts themselves: they load, they hold real documents, and they refuse wrong ones.</summary>
[TestClass]
public sealed class ContractTests
{
    private const string User = """{"id":1,"name":"Ann","email":"ann@example.com","status":"active","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00.1234567Z","version":1}""";
    private const string Order = """{"id":1,"userId":1,"amount":12.5,"currency":"USD","status":"pending","paymentTransactionId":null,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","version":1,"allowedTransitions":["processing","cancelled"]}""";

    private const string OrderItem = """{"id":1,"userId":1,"userName":"Ann","userEmail":"ann@example.com","amount":12.5,"currency":"USD","status":"pending","paymentTransactionId":null,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","version":1,"allowedTransitions":["processing","cancelled"]}""";

    [TestMethod]
    public async Task The_token_endpoint_answers_by_the_token_and_problem_contracts()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var anonymous = new ApiClient(portal.CreateRawClient());

        var token = (await anonymous.PostAsync("/api/auth/token", new { email = PortalFactory.AdminEmail, password = PortalFactory.AdminPassword })).Is(HttpStatusCode.OK);
        (await anonymous.PostAsync("/api/auth/token", new { email = PortalFactory.AdminEmail, password = "wrong" })).Problem(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/api/auth/token", new { email = "" })).Problem(HttpStatusCode.BadRequest, "email");

        Assert.AreEqual("Bearer", token.String("tokenType"));
    }

    [TestMethod]
    public async Task A_list_item_is_the_resource_its_own_route_answers()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);
        var user = await admin.CreateUserAsync("Ann", "ann@example.com");
        var paid = await admin.CreateOrderAsync(user.Id, 12.5m);
        (await admin.MoveAsync(paid.Id, "processing")).Is(HttpStatusCode.OK);
        await admin.CreateOrderAsync(user.Id, 30m);

        var users = (await admin.GetAsync("/api/users")).Is(HttpStatusCode.OK).Body.GetProperty("items");
        var orders = (await admin.GetAsync("/api/orders")).Is(HttpStatusCode.OK).Body.GetProperty("items");

        Assert.AreEqual(1, users.GetArrayLength());
        Assert.AreEqual(2, orders.GetArrayLength());
        foreach (var item in users.EnumerateArray())
        {
            var resource = (await admin.GetAsync($"/api/users/{item.GetProperty("id").GetInt32()}")).Body;
            Assert.AreEqual(Canonical(resource), Canonical(item), "a user in the list is the user");
        }

        foreach (var item in orders.EnumerateArray())
        {
            var resource = (await admin.GetAsync($"/api/orders/{item.GetProperty("id").GetInt32()}")).Body;
            Assert.AreEqual(Canonical(resource), Canonical(item, except: ["userName", "userEmail"]), "an order in the list is the order");
            Assert.AreEqual(("Ann", "ann@example.com"), (item.GetProperty("userName").GetString(), item.GetProperty("userEmail").GetString()));
        }

        var paidItem = orders.EnumerateArray().Single(o => o.GetProperty("id").GetInt32() == paid.Id);
        StringAssert.StartsWith(paidItem.GetProperty("paymentTransactionId").GetString(), "fake_", "the list shows what is paid");
        Assert.AreEqual(2, paidItem.GetProperty("version").GetInt32(), "the list shows the version to send as If-Match");
    }

    [TestMethod]
    [DataRow(Contract.User, User)]
    [DataRow(Contract.Order, Order)]
    [DataRow(Contract.UsersPage, $$"""{"items":[{{User}}],"page":1,"pageSize":25,"totalCount":1}""")]
    [DataRow(Contract.OrdersPage, $$"""{"items":[{{OrderItem}}],"page":1,"pageSize":25,"totalCount":1}""")]
    [DataRow(Contract.History, """[{"from":null,"to":"pending","at":"2026-01-01T00:00:00Z","changedBy":"a@example.com","reason":null},{"from":"pending","to":"cancelled","at":"2026-01-01T00:00:01Z","changedBy":"a@example.com","reason":"r"}]""")]
    [DataRow(Contract.Payments, """[{"kind":"charge","amount":1,"currency":"EUR","status":"declined","transactionId":null,"error":"card_declined","at":"2026-01-01T00:00:00Z","requestedBy":"agent@example.com"}]""")]
    [DataRow(Contract.Problem, """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.10","title":"Transition not allowed","status":409,"current":"delivered","allowed":[]}""")]
    [DataRow(Contract.Problem, """{"title":"One or more fields are invalid.","status":400,"errors":{"pageSize":["Page size must be from 1 to 100."]}}""")]
    public void A_document_of_the_api_matches_its_contract(Contract contract, string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.IsEmpty(Contracts.Validate(contract, document.RootElement));
    }

    [TestMethod]
    [DataRow(Contract.User, "\"status\":\"active\"", "\"status\":\"Active\"")]
    [DataRow(Contract.User, "\"createdAt\":\"2026-01-01T00:00:00Z\"", "\"createdAt\":\"2026-01-01T00:00:00\"")]
    [DataRow(Contract.User, "\"createdAt\":\"2026-01-01T00:00:00Z\"", "\"createdAt\":\"2026-01-01T00:00:00+01:00\"")]
    [DataRow(Contract.User, "\"email\":\"ann@example.com\"", "\"email\":\"Ann@Example.com\"")]
    [DataRow(Contract.User, "\"version\":1}", "\"version\":1,\"passwordHash\":\"x\"}")]
    [DataRow(Contract.Order, "\"currency\":\"USD\"", "\"currency\":\"usd\"")]
    [DataRow(Contract.Order, "\"amount\":12.5", "\"amount\":12.505")]
    [DataRow(Contract.Order, "\"amount\":12.5", "\"amount\":0")]
    [DataRow(Contract.Order, "\"amount\":12.5", "\"amount\":\"12.50\"")]
    [DataRow(Contract.Order, ",\"allowedTransitions\":[\"processing\",\"cancelled\"]", "")]
    [DataRow(Contract.Order, "\"status\":\"pending\"", "\"status\":0")]
    public void A_document_that_breaks_the_conventions_is_refused(Contract contract, string valid, string broken)
    {
        var json = (contract == Contract.User ? User : Order).Replace(valid, broken, StringComparison.Ordinal);
        Assert.AreNotEqual(contract == Contract.User ? User : Order, json, "the row changes the document");
        using var document = JsonDocument.Parse(json);

        Assert.IsNotEmpty(Contracts.Validate(contract, document.RootElement), json);
    }

    [TestMethod]
    [DataRow("\"version\":1,")]
    [DataRow("\"paymentTransactionId\":null,")]
    [DataRow(",\"allowedTransitions\":[\"processing\",\"cancelled\"]")]
    [DataRow("\"userEmail\":\"ann@example.com\",")]
    public void An_order_list_item_without_a_field_of_the_order_is_refused(string field)
    {
        var item = OrderItem.Replace(field, "", StringComparison.Ordinal);
        Assert.AreNotEqual(OrderItem, item, "the row removes a field");
        using var document = JsonDocument.Parse($$"""{"items":[{{item}}],"page":1,"pageSize":25,"totalCount":1}""");

        Assert.IsNotEmpty(Contracts.Validate(Contract.OrdersPage, document.RootElement), item);
    }

    [TestMethod]
    [DataRow("""{"status":500}""")]
    [DataRow("""{"title":"x","status":200}""")]
    [DataRow("""{"title":"x","status":400,"errors":{"Name":["bad"]}}""")]
    [DataRow("""{"title":"x","status":400,"errors":{"name":[]}}""")]
    public void A_problem_without_title_and_error_status_or_with_badly_keyed_errors_is_refused(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.IsNotEmpty(Contracts.Validate(Contract.Problem, document.RootElement));
    }

    // The properties of a JSON object, in name order, without the named ones.
    private static string Canonical(JsonElement json, string[]? except = null) =>
        string.Join(",", json.EnumerateObject()
            .Where(p => except?.Contains(p.Name) != true)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value.GetRawText()}"));
}
