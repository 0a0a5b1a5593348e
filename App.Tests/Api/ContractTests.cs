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

    [TestMethod]
    public async Task The_token_endpoint_answers_by_the_token_and_problem_contracts()
    {
        await using var portal = new PortalFactory();
        using var anonymous = new ApiClient(portal.CreateRawClient());

        var token = (await anonymous.PostAsync("/api/auth/token", new { email = PortalFactory.AdminEmail, password = PortalFactory.AdminPassword })).Is(HttpStatusCode.OK);
        (await anonymous.PostAsync("/api/auth/token", new { email = PortalFactory.AdminEmail, password = "wrong" })).Problem(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/api/auth/token", new { email = "" })).Problem(HttpStatusCode.BadRequest, "email");

        Assert.AreEqual("Bearer", token.String("tokenType"));
    }

    [TestMethod]
    [DataRow(Contract.User, User)]
    [DataRow(Contract.Order, Order)]
    [DataRow(Contract.UsersPage, $$"""{"items":[{{User}}],"page":1,"pageSize":25,"totalCount":1}""")]
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
    [DataRow("""{"status":500}""")]
    [DataRow("""{"title":"x","status":200}""")]
    [DataRow("""{"title":"x","status":400,"errors":{"Name":["bad"]}}""")]
    [DataRow("""{"title":"x","status":400,"errors":{"name":[]}}""")]
    public void A_problem_without_title_and_error_status_or_with_badly_keyed_errors_is_refused(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.IsNotEmpty(Contracts.Validate(Contract.Problem, document.RootElement));
    }
}
