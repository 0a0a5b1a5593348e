using System.Net;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>Steps several API tests take to arrange data, each asserting its own success.</summary>
public static class ApiSteps
{
    public static string UniqueEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static async Task<ApiResponse> CreateUserAsync(this ApiClient api, string name = "Ann Lee", string? email = null) =>
        (await api.PostAsync("/api/users", new { name, email = email ?? UniqueEmail() })).Is(HttpStatusCode.Created);

    public static async Task<ApiResponse> CreateOrderAsync(this ApiClient api, int userId, decimal amount = 25.00m, string? currency = null) =>
        (await api.PostAsync("/api/orders", currency is null ? new { userId, amount } : new { userId, amount, currency })).Is(HttpStatusCode.Created);

    public static async Task<ApiResponse> MoveAsync(this ApiClient api, int orderId, string to, string? reason = null, string? ifMatch = null) =>
        await api.PostAsync($"/api/orders/{orderId}/transitions", reason is null ? new { to } : new { to, reason }, ifMatch);
}
