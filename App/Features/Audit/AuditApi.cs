using System.ComponentModel;
using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Audit;

/// <summary><c>GET /api/audit</c>: the audit trail, for Admins only; an adapter to <see cref="AuditService"/>.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/audit", ListAsync)
            .RequireAuthorization(StaffRoles.CanManageStaff)
            .WithTag("Audit", "Who did what: every change of users, orders and staff, and every sign-in outcome; Admin only.")
            .WithName("ListAuditEntries")
            .WithSummary("List audit entries")
            .WithDescription("A page of audit entries, newest first, filtered by actor (an email), action, entity, entity id and time. " +
                             "Each entry's changes are {field: {from, to}} of what the write changed; no entry holds a password, token, key or recovery code.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<Ok<ApiPage<AuditEntryDto>>> ListAsync(
        [Description("The email of who acted (or tried to sign in).")] string? actor,
        [Description("An action such as user.updated or auth.sign_in_failed.")] string? action,
        [Description("user, order, staff or auth.")] string? entity,
        [Description("The id of what changed, with entity.")] string? entityId,
        [Description("At or after this ISO 8601 date or timestamp (UTC unless it has an offset)."), QueryType(typeof(DateTime))] string? from,
        [Description("At or before this ISO 8601 date or timestamp (UTC unless it has an offset)."), QueryType(typeof(DateTime))] string? to,
        [Description("Page number, from 1; default 1."), QueryType(typeof(int))] string? page,
        [Description("Entries per page, 1 to 100; default 25."), QueryType(typeof(int))] string? pageSize,
        AuditService audit,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var query = new AuditQuery(
            actor,
            action,
            entity,
            entityId,
            ApiQuery.Timestamp(from, "from", errors),
            ApiQuery.Timestamp(to, "to", errors),
            ApiQuery.Int(page, "page", ListRules.PageInvalid, errors),
            ApiQuery.Int(pageSize, "pageSize", ListRules.PageSizeInvalid, errors));
        errors.ThrowIfAny();
        return TypedResults.Ok(ApiPage.From(await audit.ListAsync(query, cancellationToken)));
    }
}
