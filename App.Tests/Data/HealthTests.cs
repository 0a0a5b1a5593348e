using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Data;

[TestClass]
public sealed class HealthTests
{
    [TestMethod]
    public async Task Health_answers_200_when_the_database_answers()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(DatabaseHealthExtensions.Path);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("Healthy", await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task Health_answers_503_when_the_database_does_not()
    {
        var missing = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"), "gone.db");
        await using var portal = new PortalFactory()
            .With("Database:MigrateOnStartup", "false")
            .With("ConnectionStrings:Default", $"Data Source={missing};Mode=ReadWrite");
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(DatabaseHealthExtensions.Path);

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.AreEqual("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task Health_answers_503_when_the_database_has_no_portal_tables()
    {
        await using var portal = new PortalFactory().With("Database:MigrateOnStartup", "false");
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(DatabaseHealthExtensions.Path);

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
