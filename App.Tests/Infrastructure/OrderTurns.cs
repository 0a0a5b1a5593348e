using AdminPortal.Data;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>The orders' turns over a test's database, as one instance of the app has them.</summary>
public static class OrderTurns
{
    /// <summary>A new instance's turns: each one made here stands for another instance on the same database.</summary>
    internal static DatabaseOrderTurns Of(IDbContextFactory<AppDbContext> database, TimeProvider time, double gatewayTimeoutSeconds = 10) =>
        new(database, time, Options.Create(new PaymentGatewayOptions { TimeoutSeconds = gatewayTimeoutSeconds }), NullLogger<DatabaseOrderTurns>.Instance);
}
