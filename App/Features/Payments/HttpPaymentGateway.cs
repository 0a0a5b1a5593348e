using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdminPortal.Features.Common;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AdminPortal.Features.Payments;

/// <summary>
/// The REST gateway (<c>PaymentGateway:Mode = Http</c>, docs/contract.md §8). <c>POST v1/charges</c> and
/// <c>POST v1/refunds</c> with a bearer API key, amounts in minor units, and the attempt's
/// idempotency key in <c>Idempotency-Key</c> on every retry of it, so a retry never charges twice.
/// Time-outs, retries and the circuit breaker live in the client's resilience pipeline
/// (<see cref="PaymentsFeature"/>); this class turns whatever came back into a <see cref="GatewayResult"/>.
/// </summary>
public sealed partial class HttpPaymentGateway(HttpClient http, ILogger<HttpPaymentGateway> logger) : IPaymentGateway
{
    public const string ChargesPath = "v1/charges";
    public const string RefundsPath = "v1/refunds";
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<GatewayResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(
            PaymentKind.Charge,
            request.OrderId,
            ChargesPath,
            new ChargeBody(Money.MinorUnits(request.Amount), CurrencyCode(request.Currency), request.OrderId, request.UserId),
            request.IdempotencyKey,
            cancellationToken);

    public Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(
            PaymentKind.Refund,
            request.OrderId,
            RefundsPath,
            new RefundBody(request.TransactionId, Money.MinorUnits(request.Amount), CurrencyCode(request.Currency), request.OrderId),
            request.IdempotencyKey,
            cancellationToken);

    private static string CurrencyCode(Currency currency) => currency.ToString().ToUpperInvariant();

    private async Task<GatewayResult> SendAsync<TBody>(
        PaymentKind kind, int orderId, string path, TBody body, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            // Bytes, not a stream: a retry sends the same message, and so the same body, again.
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            },
        };
        request.Headers.Add(IdempotencyHeader, idempotencyKey);

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var answer = await ReadAnswerAsync(response, cancellationToken);
                if (string.IsNullOrWhiteSpace(answer?.Id))
                {
                    LogNoTransactionId(kind, orderId, (int)response.StatusCode);
                    return GatewayResult.Unavailable($"HTTP {(int)response.StatusCode} without a transaction id");
                }

                return GatewayResult.Success(answer.Id);
            }

            if (response.StatusCode == HttpStatusCode.PaymentRequired)
            {
                var answer = await ReadAnswerAsync(response, cancellationToken);
                return GatewayResult.Declined(string.IsNullOrWhiteSpace(answer?.DeclineCode) ? "declined" : answer.DeclineCode);
            }

            // 5xx once the retries are spent, or a 4xx that says our request or key is wrong: nothing moved.
            if ((int)response.StatusCode < 500)
            {
                LogRefused(kind, orderId, (int)response.StatusCode);
            }

            return Unavailable(kind, orderId, $"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException)
        {
            return Unavailable(kind, orderId, "timed out");
        }
        catch (BrokenCircuitException)
        {
            return Unavailable(kind, orderId, "circuit open after repeated failures");
        }
        catch (HttpRequestException e)
        {
            return Unavailable(kind, orderId, e.HttpRequestError == HttpRequestError.Unknown ? "request failed" : $"request failed ({e.HttpRequestError})");
        }
    }

    private static async Task<GatewayAnswer?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<GatewayAnswer>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            // Not JSON at all (e.g. an HTML error page from a proxy).
            return null;
        }
    }

    private GatewayResult Unavailable(PaymentKind kind, int orderId, string reason)
    {
        LogUnavailable(kind, orderId, reason);
        return GatewayResult.Unavailable(reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment gateway unavailable for the {Kind} of order {OrderId}: {Reason}.")]
    private partial void LogUnavailable(PaymentKind kind, int orderId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment gateway refused the {Kind} request of order {OrderId} with HTTP {Status}: check PaymentGateway:BaseUrl and PaymentGateway:ApiKey.")]
    private partial void LogRefused(PaymentKind kind, int orderId, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment gateway answered the {Kind} of order {OrderId} with HTTP {Status} but no transaction id; it is recorded as failed.")]
    private partial void LogNoTransactionId(PaymentKind kind, int orderId, int status);

    private sealed record ChargeBody(long Amount, string Currency, int OrderId, int UserId);

    private sealed record RefundBody(string ChargeId, long Amount, string Currency, int OrderId);

    private sealed record GatewayAnswer(string? Id, string? DeclineCode);
}
