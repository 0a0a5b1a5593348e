using System.Net;
using AdminPortal.Features.Orders;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Reliability;

/// <summary>
/// Many writers at once through the real HTTP pipeline and a real SQLite file: one of them wins,
/// every other is told why (409 or 412 problem+json, never a 500), and nothing is lost or doubled.
/// </summary>
[TestClass]
[TestCategory(Reliability.Category)]
public sealed class ConcurrencyTests
{
    private const int Writers = 50;

    [TestMethod]
    [DataRow("processing", null)]
    [DataRow("processing", "\"1\"")]
    [DataRow("cancelled", null)]
    [DataRow("cancelled", "\"1\"")]
    public async Task Fifty_parallel_moves_of_one_order_succeed_once_with_one_history_entry_and_at_most_one_charge(string to, string? ifMatch)
    {
        var gateway = new RecordingPaymentGateway();
        await using var portal = new PortalFactory { Gateway = gateway };
        using var api = await ApiClient.AdminAsync(portal);
        var order = await api.CreateOrderAsync((await api.CreateUserAsync()).Id, 30.00m);

        var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => api.MoveAsync(order.Id, to, ifMatch: ifMatch))));

        AssertOneWinnerAndTheRestToldWhy(answers);
        var saved = (await api.GetAsync($"/api/orders/{order.Id}")).Is(HttpStatusCode.OK);
        Assert.AreEqual((to, 2), (saved.String("status"), saved.Body.GetProperty("version").GetInt32()), "moved once");
        var history = (await api.GetAsync($"/api/orders/{order.Id}/history")).Is(HttpStatusCode.OK).Body.EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { "pending", to }, history.Select(h => h.GetProperty("to").GetString()).ToArray(), "the creation and one move");
        var payments = (await api.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body.EnumerateArray().ToList();
        if (to == "processing")
        {
            Assert.HasCount(1, gateway.Charges, "one charge reached the gateway");
            Assert.AreEqual("succeeded", payments.Single().GetProperty("status").GetString());
            Assert.AreEqual(saved.String("paymentTransactionId"), payments.Single().GetProperty("transactionId").GetString());
        }
        else
        {
            Assert.IsEmpty(gateway.Charges);
            Assert.IsEmpty(payments);
        }
    }

    [TestMethod]
    public async Task Paying_and_cancelling_one_order_fifty_times_at_once_moves_it_once_and_charges_at_most_once()
    {
        var gateway = new RecordingPaymentGateway();
        await using var portal = new PortalFactory { Gateway = gateway };
        using var api = await ApiClient.AdminAsync(portal);
        var order = await api.CreateOrderAsync((await api.CreateUserAsync()).Id, 30.00m);

        // Every writer read version 1; whichever commits first wins, the rest are refused.
        var answers = await Task.WhenAll(Enumerable.Range(0, Writers)
            .Select(i => Task.Run(() => api.MoveAsync(order.Id, i % 2 == 0 ? "processing" : "cancelled", ifMatch: "\"1\""))));

        AssertOneWinnerAndTheRestToldWhy(answers);
        var saved = (await api.GetAsync($"/api/orders/{order.Id}")).Is(HttpStatusCode.OK);
        var payments = (await api.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body.EnumerateArray().ToList();
        Assert.AreEqual(saved.String("status") == "processing" ? 1 : 0, gateway.Charges.Count, "charged only when paid");
        Assert.HasCount(gateway.Charges.Count, payments, "every charge has its record");
    }

    [TestMethod]
    [DataRow(null, "cancelled")]
    [DataRow("\"1\"", "processing")]
    public async Task A_cancel_that_arrives_while_the_charge_is_at_the_gateway_waits_and_never_strands_the_money(string? cancelIfMatch, string finalStatus)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new RecordingPaymentGateway { Hold = release.Task };
        await using var portal = new PortalFactory { Gateway = gateway };
        using var api = await ApiClient.AdminAsync(portal);
        var order = await api.CreateOrderAsync((await api.CreateUserAsync()).Id, 30.00m);
        var turns = portal.Services.GetRequiredService<DatabaseOrderTurns>();

        Task<ApiResponse> pay, cancel;
        try
        {
            pay = Task.Run(() => api.MoveAsync(order.Id, "processing"));
            await gateway.Entered;
            cancel = Task.Run(() => api.MoveAsync(order.Id, "cancelled", ifMatch: cancelIfMatch));
            // The cancel is now queued behind the charge: the race the lock exists for.
            await Reliability.PollAsync(() => turns.WaitingFor(order.Id) == 1 || cancel.IsCompleted, "the cancel to wait for its turn");
        }
        finally
        {
            release.TrySetResult();
        }

        (await pay).Is(HttpStatusCode.OK);
        var cancelled = await cancel;
        Assert.AreEqual(cancelIfMatch is null ? HttpStatusCode.OK : HttpStatusCode.PreconditionFailed, cancelled.Status, cancelled.Text);
        var saved = (await api.GetAsync($"/api/orders/{order.Id}")).Is(HttpStatusCode.OK);
        Assert.AreEqual(finalStatus, saved.String("status"));
        var payments = (await api.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body.EnumerateArray()
            .Select(p => $"{p.GetProperty("kind").GetString()} {p.GetProperty("status").GetString()}").ToArray();
        // A cancel of what is by then a paid order refunds it: the money is never kept for a cancelled order.
        CollectionAssert.AreEqual(finalStatus == "cancelled" ? new[] { "charge succeeded", "refund succeeded" } : new[] { "charge succeeded" }, payments);
        Assert.HasCount(1, gateway.Charges);
        Assert.HasCount(finalStatus == "cancelled" ? 1 : 0, gateway.Refunds);
    }

    [TestMethod]
    public async Task Fifty_parallel_creations_with_one_email_create_one_user_and_refuse_the_rest_with_409()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var email = ApiSteps.UniqueEmail("same");

        // Case differs between writers: the address is one and the same once lower-cased.
        var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() =>
            api.PostAsync("/api/users", new { name = $"Writer {i}", email = i % 2 == 0 ? email : email.ToUpperInvariant() }))));

        Assert.HasCount(1, answers.Where(a => a.Status == HttpStatusCode.Created), Describe(answers));
        foreach (var refused in answers.Where(a => a.Status != HttpStatusCode.Created))
        {
            refused.Problem(HttpStatusCode.Conflict);
        }

        var found = (await api.GetAsync($"/api/users?search={Uri.EscapeDataString(email)}")).Is(HttpStatusCode.OK).Body;
        Assert.AreEqual(1, found.GetProperty("totalCount").GetInt32());
        Assert.AreEqual(answers.Single(a => a.Status == HttpStatusCode.Created).Id, found.GetProperty("items")[0].GetProperty("id").GetInt32());
    }

    [TestMethod]
    public async Task Parallel_edits_of_one_user_with_and_without_if_match_never_lose_an_update_silently()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync("Original", ApiSteps.UniqueEmail("edited"));
        var email = user.String("email");

        // Half the writers say which version they read (the first), half send no precondition.
        var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
            (Name: $"Writer {i}", Answer: await api.PutAsync($"/api/users/{user.Id}", new { name = $"Writer {i}", email, status = "active" }, i % 2 == 0 ? user.ETag : null)))));

        foreach (var (name, answer) in answers)
        {
            Assert.IsTrue(answer.Status is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed, $"{name}: {(int)answer.Status} {answer.Text}");
        }

        var succeeded = answers.Where(a => a.Answer.Status == HttpStatusCode.OK)
            .Select(a => (a.Name, Version: a.Answer.Body.GetProperty("version").GetInt32(), Saved: a.Answer.String("name"))).ToList();
        Assert.IsNotEmpty(succeeded);
        Assert.IsTrue(succeeded.All(s => s.Saved == s.Name), "each success answers with what it wrote");
        Assert.IsLessThanOrEqualTo(1, answers.Count(a => a.Answer.Status == HttpStatusCode.OK && IsEven(a.Name)),
            "at most one writer that named version 1 can win");
        // Every success wrote its own version on top of the one before: none was overwritten unseen.
        CollectionAssert.AreEquivalent(Enumerable.Range(2, succeeded.Count).ToArray(), succeeded.Select(s => s.Version).ToArray());
        var final = (await api.GetAsync($"/api/users/{user.Id}")).Is(HttpStatusCode.OK);
        var last = succeeded.MaxBy(s => s.Version);
        Assert.AreEqual((last.Name, last.Version), (final.String("name"), final.Body.GetProperty("version").GetInt32()), "the final state is the last successful write");
    }

    private static bool IsEven(string name) => int.Parse(name["Writer ".Length..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0;

    private static void AssertOneWinnerAndTheRestToldWhy(ApiResponse[] answers)
    {
        Assert.HasCount(1, answers.Where(a => a.Status == HttpStatusCode.OK), Describe(answers));
        foreach (var refused in answers.Where(a => a.Status != HttpStatusCode.OK))
        {
            Assert.IsTrue(refused.Status is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed, $"{(int)refused.Status}: {refused.Text}");
            Assert.AreEqual("application/problem+json", refused.MediaType);
        }
    }

    private static string Describe(IEnumerable<ApiResponse> answers) =>
        string.Join(", ", answers.GroupBy(a => (int)a.Status).Select(g => $"{g.Key} x{g.Count()}"));
}
