using System.Security.Claims;
using AdminPortal.Features.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Staff;

/// <summary><c>/api/staff</c>: Admin only. Roles are written in lower case.</summary>
public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/staff")
            .RequireAuthorization(StaffRoles.CanManageStaff)
            .WithTag("Staff", "The portal's staff accounts and their roles (admin, agent, viewer); Admin only.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/", async Task<Ok<StaffDto[]>> (StaffService staff, CancellationToken ct) =>
                TypedResults.Ok((await staff.ListAsync(ct)).Select(ForApi).ToArray()))
            .WithName("ListStaff")
            .WithSummary("List staff accounts")
            .WithDescription("Every staff account with its role and whether it is disabled.");

        group.MapGet("/{id}", async Task<Ok<StaffDto>> (string id, StaffService staff, CancellationToken ct) =>
                TypedResults.Ok(ForApi(await staff.GetAsync(id, ct))))
            .WithName("GetStaff")
            .WithSummary("Get a staff account")
            .WithDescription("One staff account with its role and whether it is disabled.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Created<StaffDto>> (JsonBody<NewStaff> request, ClaimsPrincipal admin, StaffService staff, CancellationToken ct) =>
            {
                var created = ForApi(await staff.CreateAsync(request.Value, admin.StaffEmail(), ct));
                return TypedResults.Created($"/api/staff/{created.Id}", created);
            })
            .WithName("CreateStaff")
            .WithSummary("Create a staff account")
            .WithDescription("Creates a staff account with an email, a password that follows the password rules and a role. There is no self-registration: only an Admin creates staff.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{id}", async Task<Ok<StaffDto>> (string id, JsonBody<StaffChange> change, ClaimsPrincipal admin, StaffService staff, CancellationToken ct) =>
                TypedResults.Ok(ForApi(await staff.UpdateAsync(id, change.Value, admin.StaffEmail(), ct))))
            .WithName("UpdateStaff")
            .WithSummary("Change a staff account's role or disable it")
            .WithDescription("Changes the role, or disables or enables the account; the member's open tokens and sign-ins end. " +
                             "The last enabled Admin cannot be demoted or disabled (409).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id}/mfa/reset", async Task<Ok<StaffDto>> (string id, ClaimsPrincipal admin, StaffService staff, CancellationToken ct) =>
                TypedResults.Ok(ForApi(await staff.ResetMfaAsync(id, admin.StaffEmail(), ct))))
            .WithName("ResetStaffMfa")
            .WithSummary("Reset a staff member's two-factor sign-in")
            .WithDescription("Turns the member's two-factor sign-in off, for a lost phone: their authenticator key and recovery codes are replaced " +
                             "and their sign-ins and tokens end; they enrol again at /account/mfa.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static StaffDto ForApi(StaffDto staff) => staff with { Role = StaffRoles.ToApi(staff.Role) };
}
