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
            .WithTags("Users")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            // The database can be unavailable for a while.
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("", ListAsync)
            .WithName("ListUsers")
            .WithSummary("A page of users, filtered and sorted.")
            .ProducesValidationProblem();

        group.MapGet("/{id:int}", GetAsync)
            .WithName("GetUser")
            .WithSummary("One user; ETag is its version.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("", CreateAsync)
            .WithName("CreateUser")
            .WithSummary("Creates an active user.")
            .ForWriters()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{id:int}", UpdateAsync)
            .WithName("UpdateUser")
            .WithSummary("Changes name, email and status; If-Match guards against overwriting someone else's change.")
            .ForWriters()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapDelete("/{id:int}", DeleteAsync)
            .WithName("DeleteUser")
            .WithSummary("Deletes a user without orders (suspend one with orders instead).")
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

    private static async Task<Created<UserDto>> CreateAsync(JsonBody<NewUser> body, HttpResponse response, UsersService users, CancellationToken cancellationToken)
    {
        var user = await users.CreateAsync(body.Value.Name, body.Value.Email, cancellationToken);
        ApiEtags.Set(response, user.Version);
        return TypedResults.Created($"/api/users/{user.Id}", user);
    }

    private static Task<Results<Ok<UserDto>, ProblemHttpResult>> UpdateAsync(
        int id,
        JsonBody<UserChange> body,
        [FromHeader(Name = ApiEtags.IfMatchHeader), Description("The ETag last read; a stale one answers 412.")] string? ifMatch,
        HttpResponse response,
        UsersService users,
        CancellationToken cancellationToken) =>
        ApiEtags.WriteAsync(ifMatch, () => CurrentVersionAsync(users, id, cancellationToken), async expected =>
        {
            var user = await users.UpdateAsync(id, body.Value, expected, cancellationToken);
            ApiEtags.Set(response, user.Version);
            return TypedResults.Ok(user);
        });

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int id,
        [FromHeader(Name = ApiEtags.IfMatchHeader), Description("The ETag last read; a stale one answers 412.")] string? ifMatch,
        UsersService users,
        CancellationToken cancellationToken) =>
        ApiEtags.WriteAsync(ifMatch, () => CurrentVersionAsync(users, id, cancellationToken), async expected =>
        {
            await users.DeleteAsync(id, expected, cancellationToken);
            return TypedResults.NoContent();
        });

    private static async Task<int> CurrentVersionAsync(UsersService users, int id, CancellationToken cancellationToken) =>
        (await users.GetAsync(id, cancellationToken)).Version;
}
