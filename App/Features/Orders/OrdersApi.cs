using System.ComponentModel;
using System.Security.Claims;
using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AdminPortal.Features.Orders;

/// <summary>What <c>POST /api/orders</c> sends. The amount and currency rules are the service's (OrderRules).</summary>
public sealed record NewOrder
{
    public required int UserId { get; init; }

    public decimal? Amount { get; init; }

    [Description("USD, EUR or GBP; default USD.")]
    public string? Currency { get; init; }
}

/// <summary>What <c>POST /api/orders/{id}/transitions</c> sends: the status to move to, and why.</summary>
public sealed record TransitionRequest
{
    public required OrderStatus To { get; init; }

    [Description("Optional, at most 500 characters; kept in the order's history.")]
    public string? Reason { get; init; }
}

/// <summary>
/// <c>/api/orders</c> (docs/contract.md §7), and the portal's CSV export: adapters from HTTP to the
/// order services, which hold every rule. Domain errors pass through as exceptions and become
/// problem+json in <see cref="ApiProblems"/> (a refused move as registered by <see cref="OrdersFeature"/>).
/// </summary>
public static class OrdersApi
{
    public const string PortalExportPath = "/orders/export.csv";

    private const string ProblemJson = "application/problem+json";

    private const string CustomerDescription =
        "Only the orders of users whose name or email starts with this, ignoring case (at most 254 characters).";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/orders")
            .RequireAuthorization()
            .WithTag("Orders", "Orders of the users, their life cycle (pending, processing, shipped, delivered, cancelled), history and payment records.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            // The database (or, for a payment, the gateway) can be unavailable for a while.
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("", ListAsync)
            .WithName("ListOrders")
            .WithSummary("List orders")
            .WithDescription("A page of orders, filtered by status, user, customer (a prefix of the user's name or email, case-insensitive) and creation date and sorted in the database. " +
                             "Each item is the order as GET /api/orders/{id} answers it (version and allowedTransitions included) " +
                             "with its customer's name and email.")
            .ProducesValidationProblem();

        group.MapGet("/export.csv", ExportAsync)
            .WithName("ExportOrders")
            .WithSummary("Export orders as CSV")
            .WithDescription("Every order matching the list's filters as RFC 4180 CSV, streamed in the requested sort order. " +
                             "Cells a spreadsheet would run as a formula (starting with =, +, -, @ or a control character) are prefixed with an apostrophe.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();

        group.MapGet("/{id:int}", GetAsync)
            .WithName("GetOrder")
            .AnswersETag()
            .WithSummary("Get an order")
            .WithDescription("The order with the statuses its life cycle allows it to move to now. The ETag header is its version, to send back as If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/history", async Task<Ok<IReadOnlyList<HistoryEntryDto>>> (int id, OrdersService orders, CancellationToken cancellationToken) =>
                TypedResults.Ok(await orders.GetHistoryAsync(id, cancellationToken)))
            .WithName("GetOrderHistory")
            .WithSummary("Get an order's history")
            .WithDescription("The order's creation and every status change, oldest first, each with the staff member who made it and their reason.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/payments", async Task<Ok<IReadOnlyList<PaymentRecordDto>>> (int id, OrdersService orders, CancellationToken cancellationToken) =>
                TypedResults.Ok(await orders.GetPaymentsAsync(id, cancellationToken)))
            .WithName("GetOrderPayments")
            .WithSummary("Get an order's payment records")
            .WithDescription("Every charge and refund attempt made for the order, whatever its outcome (succeeded, declined, failed), oldest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("", CreateAsync)
            .WithName("CreateOrder")
            .AnswersETag()
            .WithSummary("Create an order")
            .WithDescription("Creates a pending order for an active user, with its first history entry. " +
                             "The amount is more than 0 and at most 1,000,000 with at most two decimals; the currency is USD, EUR or GBP (default USD). " +
                             "A suspended user cannot get new orders (409).")
            .ForWriters()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:int}/transitions", TransitionAsync)
            .WithName("TransitionOrder")
            .AnswersETag()
            .WithSummary("Move an order through its life cycle")
            .WithDescription("Moves the order to the status asked for, if its life cycle allows it (409 names the current status and the allowed ones). " +
                             "Pending to processing charges the payment gateway and moves only when the charge succeeds (402 when declined, 503 when the gateway is unavailable); " +
                             "processing to cancelled refunds the charge first. Every charge and refund attempt is kept as a payment record.")
            .ForWriters()
            .Produces<PaymentDeclinedProblem>(StatusCodes.Status402PaymentRequired, ProblemJson)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces<TransitionConflictProblem>(StatusCodes.Status409Conflict, ProblemJson)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return endpoints;
    }

    /// <summary>
    /// The orders page's "Export CSV" link: the same filters and writer as the API's export, for
    /// any signed-in staff member with the portal's cookie.
    /// </summary>
    public static IEndpointRouteBuilder MapOrdersExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PortalExportPath, ExportAsync)
            .RequireAuthorization()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<Ok<ApiPage<OrderListItem>>> ListAsync(
        [Description("pending, processing, shipped, delivered or cancelled."), QueryType(typeof(OrderStatus))] string? status,
        [Description("Only this user's orders."), QueryType(typeof(int))] string? userId,
        [Description(CustomerDescription)] string? customer,
        [Description("Created at or after this ISO 8601 date or timestamp (UTC unless it has an offset)."), QueryType(typeof(DateTime))] string? from,
        [Description("Created at or before this ISO 8601 date or timestamp (UTC unless it has an offset)."), QueryType(typeof(DateTime))] string? to,
        [Description("createdAt, amount or status, optionally preceded by '-' for descending; default -createdAt.")] string? sort,
        [Description("Page number, from 1; default 1."), QueryType(typeof(int))] string? page,
        [Description("Orders per page, 1 to 100; default 25."), QueryType(typeof(int))] string? pageSize,
        OrdersService orders,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var query = Filters(status, userId, customer, from, to, sort, errors) with
        {
            Page = ApiQuery.Int(page, "page", ListRules.PageInvalid, errors),
            PageSize = ApiQuery.Int(pageSize, "pageSize", ListRules.PageSizeInvalid, errors),
        };
        errors.ThrowIfAny();
        return TypedResults.Ok(ApiPage.From(await orders.ListAsync(query, cancellationToken)));
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(
        [Description("pending, processing, shipped, delivered or cancelled."), QueryType(typeof(OrderStatus))] string? status,
        [Description("Only this user's orders."), QueryType(typeof(int))] string? userId,
        [Description(CustomerDescription)] string? customer,
        [Description("Created at or after this ISO 8601 date or timestamp."), QueryType(typeof(DateTime))] string? from,
        [Description("Created at or before this ISO 8601 date or timestamp."), QueryType(typeof(DateTime))] string? to,
        [Description("createdAt, amount or status, optionally preceded by '-'; default -createdAt.")] string? sort,
        HttpResponse response,
        OrdersService orders,
        CancellationToken cancellationToken)
    {
        IAsyncEnumerator<OrderListItem> rows;
        bool any;
        try
        {
            var errors = new ValidationErrors();
            var query = Filters(status, userId, customer, from, to, sort, errors);
            errors.ThrowIfAny();

            // The first row is read before answering, so that a refused filter is a 400 rather
            // than a broken 200; the rest stream while the response is written.
            rows = orders.StreamAsync(query, cancellationToken).GetAsyncEnumerator(cancellationToken);
            response.RegisterForDisposeAsync(rows);
            any = await rows.MoveNextAsync();
        }
        catch (ValidationFailedException e)
        {
            // This handler also serves the portal's link, where ApiProblems (API paths only) does not answer.
            return TypedResults.Problem(ApiProblems.ToProblem(e)!);
        }

        return TypedResults.Stream(
            body => OrdersCsv.WriteAsync(body, Remaining(rows, any), cancellationToken),
            OrdersCsv.ContentType,
            OrdersCsv.FileName);
    }

    private static async IAsyncEnumerable<OrderListItem> Remaining(IAsyncEnumerator<OrderListItem> rows, bool hasCurrent)
    {
        if (!hasCurrent)
        {
            yield break;
        }

        yield return rows.Current;
        while (await rows.MoveNextAsync())
        {
            yield return rows.Current;
        }
    }

    private static OrderQuery Filters(string? status, string? userId, string? customer, string? from, string? to, string? sort, ValidationErrors errors) => new(
        ApiQuery.Enum<OrderStatus>(status, "status", errors),
        ApiQuery.Int(userId, "userId", "User id must be a whole number.", errors),
        ApiQuery.Timestamp(from, "from", errors),
        ApiQuery.Timestamp(to, "to", errors),
        sort,
        Customer: customer);

    private static async Task<Ok<OrderDto>> GetAsync(int id, HttpResponse response, OrdersService orders, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(id, cancellationToken);
        ApiEtags.Set(response, order.Version);
        return TypedResults.Ok(order);
    }

    private static async Task<Created<OrderDto>> CreateAsync(
        JsonBody<NewOrder> body, ClaimsPrincipal staff, HttpResponse response, OrdersService orders, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var order = await orders.CreateAsync(request.UserId, request.Amount, request.Currency, staff.StaffEmail(), cancellationToken);
        ApiEtags.Set(response, order.Version);
        return TypedResults.Created($"/api/orders/{order.Id}", order);
    }

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult>> TransitionAsync(
        int id,
        JsonBody<TransitionRequest> body,
        [FromHeader(Name = ApiEtags.IfMatchHeader), Description("The ETag last read; a stale one answers 412.")] string? ifMatch,
        ClaimsPrincipal staff,
        HttpResponse response,
        OrderTransitionService transitions,
        OrdersService orders,
        CancellationToken cancellationToken)
    {
        return ApiEtags.WriteAsync(ifMatch, async () => (await orders.GetAsync(id, cancellationToken)).Version, async expected =>
        {
            var request = new StatusChangeRequest(id, body.Value.To, staff.StaffEmail(), body.Value.Reason, expected);
            var order = await transitions.TransitionAsync(request, cancellationToken);
            ApiEtags.Set(response, order.Version);
            return TypedResults.Ok(order);
        });
    }
}
