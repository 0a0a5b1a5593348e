using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.TestSupport;

namespace AdminPortal.Tests.Data;

[TestClass]
public sealed class HealthTests
{
    [TestMethod]
    public async Task Health_answers_200_when_the_database_answers()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(DatabaseHealthExtensions.Path);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.AreEqual("Healthy", body.RootElement.GetProperty("entries").GetProperty("database").GetProperty("status").GetString());
        Assert.IsFalse(body.RootElement.GetProperty("entries").TryGetProperty("live-updates", out _), "one instance has no backplane to report");
    }

    [TestMethod]
    public async Task Health_answers_503_while_the_database_is_gone_and_200_again_when_it_returns()
    {
        // Read-write without create: a missing file must not silently become a new empty database.
        using var folder = TestFolder.Create();
        var file = folder.File("portal.db");
        await File.WriteAllBytesAsync(file, []);
        await using var portal = new PortalFactory().With("ConnectionStrings:Default", $"Data Source={file};Mode=ReadWrite");
        using var client = portal.CreateClient();
        using var before = await client.GetAsync(DatabaseHealthExtensions.Path);

        File.Move(file, file + ".away");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var during = await client.GetAsync(DatabaseHealthExtensions.Path);
        File.Move(file + ".away", file);
        using var after = await client.GetAsync(DatabaseHealthExtensions.Path);

        Assert.AreEqual(HttpStatusCode.OK, before.StatusCode);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        StringAssert.Contains(await during.Content.ReadAsStringAsync(), "\"status\":\"Unhealthy\"");
        Assert.AreEqual(HttpStatusCode.OK, after.StatusCode);
    }
}
