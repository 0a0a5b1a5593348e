using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A payment gateway on the wire that several portal processes share, as a real one is shared:
/// <c>POST /v1/charges</c> and <c>/v1/refunds</c> on a loopback port, idempotent by the
/// <c>Idempotency-Key</c> header (a repeated key gets the first answer and charges nothing more).
/// With <see cref="HoldFirstCharge"/>, the first charge is made at once but its answer is held, as
/// a slow gateway's would be, so a test can act while it is in flight.
/// </summary>
public sealed class HttpGatewayStub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _answers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _firstCharge = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _app = null!;
    private int _made;
    private int _requests;

    public bool HoldFirstCharge { get; init; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Completes when the first charge request has arrived (and the charge is made).</summary>
    public Task FirstChargeArrived => _firstCharge.Task;

    /// <summary>Charges and refunds actually made: one per idempotency key.</summary>
    public int Made => Volatile.Read(ref _made);

    /// <summary>Requests received, repeats included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<HttpGatewayStub> StartAsync(bool holdFirstCharge = false)
    {
        var stub = new HttpGatewayStub { HoldFirstCharge = holdFirstCharge };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        stub._app = builder.Build();
        stub._app.MapPost("/v1/charges", context => stub.AnswerAsync(context, "ch", charge: true));
        stub._app.MapPost("/v1/refunds", context => stub.AnswerAsync(context, "re", charge: false));
        await stub._app.StartAsync();
        var address = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.BaseUrl = new Uri(address);
        return stub;
    }

    private async Task AnswerAsync(HttpContext context, string prefix, bool charge)
    {
        Interlocked.Increment(ref _requests);
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var id = _answers.GetOrAdd(key, _ => $"{prefix}_{Interlocked.Increment(ref _made)}");
        if (charge && _firstCharge.TrySetResult() && HoldFirstCharge)
        {
            // The answer of the first charge never comes while the test runs (its caller is killed).
            await _release.Task.WaitAsync(context.RequestAborted);
        }

        await context.Response.WriteAsJsonAsync(new { id });
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
