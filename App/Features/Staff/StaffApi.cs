using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Staff;

/// <summary><c>/api/staff</c>: Admin only. Roles are written in lower case.</summary>
public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/staff")
            .RequireAuthorization(StaffRoles.CanManageStaff)
            .WithTags("Staff")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/", async Task<Ok<StaffDto[]>> (StaffService staff, CancellationToken ct) =>
            TypedResults.Ok((await staff.ListAsync(ct)).Select(ForApi).ToArray()));

        group.MapGet("/{id}", async Task<Ok<StaffDto>> (string id, StaffService staff, CancellationToken ct) =>
                TypedResults.Ok(ForApi(await staff.GetAsync(id, ct))))
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Created<StaffDto>> (NewStaff request, StaffService staff, CancellationToken ct) =>
            {
                var created = ForApi(await staff.CreateAsync(request, ct));
                return TypedResults.Created($"/api/staff/{created.Id}", created);
            })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{id}", async Task<Ok<StaffDto>> (string id, StaffChange change, StaffService staff, CancellationToken ct) =>
                TypedResults.Ok(ForApi(await staff.UpdateAsync(id, change, ct))))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return endpoints;
    }

    private static StaffDto ForApi(StaffDto staff) => staff with { Role = StaffRoles.ToApi(staff.Role) };
}
