using System.Security.Claims;
using System.ComponentModel;
using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.Features.Users;

/// <summary>What <c>POST /api/users</c> sends; the service validates and normalises both fields.</summary>
public sealed record NewUser(string? Name, string? Email);

/// <summary>
/// <c>/api/users</c> (docs/contract.md §7): an adapter from HTTP to <see cref="UsersService"/>, which holds every
/// rule. Domain errors pass through as exceptions and become problem+json in <see cref="ApiProblems"/>.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/users")
            .RequireAuthorization()
            .WithTag("Users", "The business's customers: their accounts, status (active or suspended) and details.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            // The database can be unavailable for a while.
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("", ListAsync)
            .WithName("ListUsers")
            .WithSummary("List users")
            .WithDescription("A page of users, searched by a prefix of the name or email, filtered by status and sorted in the database. Each item is the user as GET /api/users/{id} answers it.")
            .ProducesValidationProblem();

        group.MapGet("/{id:int}", GetAsync)
            .WithName("GetUser")
            .AnswersETag()
            .WithSummary("Get a user")
            .WithDescription("The user. The ETag header is their version, to send back as If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("", CreateAsync)
            .WithName("CreateUser")
            .AnswersETag()
            .WithSummary("Create a user")
            .WithDescription("Creates an active user. The name is 1 to 100 characters after trimming; the email is one address, stored trimmed and lower-cased, and unique (409 when taken).")
            .ForWriters()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{id:int}", UpdateAsync)
            .WithName("UpdateUser")
            .AnswersETag()
            .WithSummary("Update a user")
            .WithDescription("Changes the user's name, email and status (active or suspended). With If-Match, a change someone else made first answers 412 and overwrites nothing.")
            .ForWriters()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapDelete("/{id:int}", DeleteAsync)
            .WithName("DeleteUser")
            .WithSummary("Delete a user")
            .WithDescription("Deletes a user who has no orders; one with orders answers 409 (suspend them instead).")
            .ForWriters()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return endpoints;
    }

    private static async Task<Ok<ApiPage<UserDto>>> ListAsync(
        [Description("Prefix of the name or the email.")] string? search,
        [Description("active or suspended."), QueryType(typeof(UserStatus))] string? status,
        [Description("name, email or createdAt, optionally preceded by '-' for descending; default name.")] string? sort,
        [Description("Page number, from 1; default 1."), QueryType(typeof(int))] string? page,
        [Description("Users per page, 1 to 100; default 25."), QueryType(typeof(int))] string? pageSize,
        UsersService users,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var query = new UserQuery(
            search,
            ApiQuery.Enum<UserStatus>(status, "status", errors),
            sort,
            ApiQuery.Int(page, "page", ListRules.PageInvalid, errors),
            ApiQuery.Int(pageSize, "pageSize", ListRules.PageSizeInvalid, errors));
        errors.ThrowIfAny();
        return TypedResults.Ok(ApiPage.From(await users.ListAsync(query, cancellationToken)));
    }

    private static async Task<Ok<UserDto>> GetAsync(int id, HttpResponse response, UsersService users, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(id, cancellationToken);
        ApiEtags.Set(response, user.Version);
        return TypedResults.Ok(user);
    }

    private static async Task<Created<UserDto>> CreateAsync(JsonBody<NewUser> body, ClaimsPrincipal staff, HttpResponse response, UsersService users, CancellationToken cancellationToken)
    {
        var user = await users.CreateAsync(body.Value.Name, body.Value.Email, staff.StaffEmail(), cancellationToken);
        ApiEtags.Set(response, user.Version);
        return TypedResults.Created($"/api/users/{user.Id}", user);
    }

    private static Task<Results<Ok<UserDto>, ProblemHttpResult>> UpdateAsync(
        int id,
        JsonBody<UserChange> body,
        [FromHeader(Name = ApiEtags.IfMatchHeader), Description("The ETag last read; a stale one answers 412.")] string? ifMatch,
        ClaimsPrincipal staff,
        HttpResponse response,
        UsersService users,
        CancellationToken cancellationToken) =>
        ApiEtags.WriteAsync(ifMatch, () => CurrentVersionAsync(users, id, cancellationToken), async expected =>
        {
            var user = await users.UpdateAsync(id, body.Value, expected, staff.StaffEmail(), cancellationToken);
            ApiEtags.Set(response, user.Version);
            return TypedResults.Ok(user);
        });

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int id,
        [FromHeader(Name = ApiEtags.IfMatchHeader), Description("The ETag last read; a stale one answers 412.")] string? ifMatch,
        ClaimsPrincipal staff,
        UsersService users,
        CancellationToken cancellationToken) =>
        ApiEtags.WriteAsync(ifMatch, () => CurrentVersionAsync(users, id, cancellationToken), async expected =>
        {
            await users.DeleteAsync(id, expected, staff.StaffEmail(), cancellationToken);
            return TypedResults.NoContent();
        });

    private static async Task<int> CurrentVersionAsync(UsersService users, int id, CancellationToken cancellationToken) =>
        (await users.GetAsync(id, cancellationToken)).Version;
}
