using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.Features.Orders;

/// <summary>
/// The 409 of a move, as problem+json: when the life cycle refused it, the order's status and
/// where it may go from there; when someone else moved the order meanwhile, neither.
/// </summary>
public sealed class TransitionConflictProblem : ProblemDetails
{
    [Description("The order's status, when the life cycle refused the move.")]
    public OrderStatus? Current { get; init; }

    [Description("The statuses the order may move to from its current one.")]
    public IReadOnlyList<OrderStatus>? Allowed { get; init; }
}

/// <summary>The 402 of a charge the gateway declined, as problem+json with the gateway's decline code.</summary>
public sealed class PaymentDeclinedProblem : ProblemDetails
{
    [Description("The gateway's reason, e.g. card_declined.")]
    public required string DeclineCode { get; init; }
}
