using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Repository;

/// <summary>
/// The hosted CI workflow (<c>.github/workflows/ci.yml</c>) cannot run here; what can be checked is
/// that GitHub would accept it (action-validator, against the published workflow schema) and that
/// it runs what the README says CI runs.
/// </summary>
[TestClass]
public sealed class CiWorkflowTests
{
    private static readonly string Workflow = Path.Combine(Infrastructure.Repository.Root, ".github", "workflows", "ci.yml");

    [TestMethod]
    public async Task The_workflow_is_valid_for_github_actions()
    {
        var (exitCode, output, errors) = await LintTools.RunAsync("action-validator", [Workflow]);

        Assert.AreEqual(0, exitCode, $"action-validator:\n{output}\n{errors}");
    }

    [TestMethod]
    public async Task A_workflow_with_a_misspelt_key_is_refused()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"ci-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Workflow)).Replace("runs-on:", "run-on:", StringComparison.Ordinal));
        try
        {
            var (exitCode, output, errors) = await LintTools.RunAsync("action-validator", [broken]);

            Assert.AreNotEqual(0, exitCode);
            StringAssert.Contains(output + errors, "run-on");
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [TestMethod]
    public async Task It_runs_the_readme_test_command_and_the_live_sql_server_scenarios_against_a_service_container()
    {
        var workflow = await File.ReadAllTextAsync(Workflow);

        StringAssert.Contains(workflow, "run: ./test.sh");
        StringAssert.Contains(workflow, "image: mcr.microsoft.com/mssql/server:");
        StringAssert.Contains(workflow, "PORTAL_TEST_SQLSERVER: ");
        StringAssert.Contains(workflow, "--filter \"TestCategory=SqlServer\"");
    }
}
