using System.Text.Json;
using System.Text.Json.Nodes;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>
/// The OpenAPI document as the tools that client generators and API gateways are checked with
/// read it: Redocly CLI (recommended rules) and Spectral (spectral:oas), versions pinned in
/// <c>tools/lint/package.json</c>, with every rule either met or switched off, with its
/// reason, in that folder's configuration. Any finding, error or warning, fails.
/// </summary>
[TestClass]
public sealed class OpenApiLintTests
{
    [TestMethod]
    public async Task Redocly_finds_nothing_in_the_document()
    {
        var findings = await RedoclyAsync(await DocumentAsync());

        Assert.IsEmpty(findings, "Redocly CLI:\n" + string.Join('\n', findings));
    }

    [TestMethod]
    public async Task Spectral_finds_nothing_in_the_document()
    {
        var findings = await SpectralAsync(await DocumentAsync());

        Assert.IsEmpty(findings, "Spectral:\n" + string.Join('\n', findings));
    }

    [TestMethod]
    public async Task Both_linters_report_an_operation_without_its_summary_description_and_id()
    {
        var document = JsonNode.Parse(await DocumentAsync())!;
        var operation = document["paths"]!["/api/users"]!["get"]!.AsObject();
        operation.Remove("summary");
        operation.Remove("description");
        operation.Remove("operationId");
        var broken = document.ToJsonString();

        var redocly = await RedoclyAsync(broken);
        var spectral = await SpectralAsync(broken);

        CollectionAssert.IsSubsetOf(new[] { "operation-summary", "operation-operationId" }, redocly.Select(RuleOf).ToArray(), string.Join('\n', redocly));
        CollectionAssert.IsSubsetOf(new[] { "operation-description", "operation-operationId" }, spectral.Select(RuleOf).ToArray(), string.Join('\n', spectral));
    }

    private static string RuleOf(string finding) => finding.Split(' ', 2)[0];

    private static async Task<string> DocumentAsync()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();
        return await client.GetStringAsync("/openapi/v1.json");
    }

    /// <summary>Every problem Redocly reports, as "rule message (where)".</summary>
    private static async Task<List<string>> RedoclyAsync(string document)
    {
        var output = await LintAsync("redocly", document, file => ["lint", file, "--config", Path.Combine(LintTools.Folder, "redocly.yaml"), "--format", "json"]);
        using var json = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        return json.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("ruleId").GetString()} {p.GetProperty("message").GetString()} ({Where(p)})")
            .ToList();

        static string Where(JsonElement problem) =>
            string.Join(", ", problem.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()));
    }

    /// <summary>Every finding Spectral reports, hints included, as "rule message (where)".</summary>
    private static async Task<List<string>> SpectralAsync(string document)
    {
        var output = await LintAsync("spectral", document, file => ["lint", file, "--ruleset", Path.Combine(LintTools.Folder, ".spectral.yaml"), "--format", "json", "--quiet"]);
        using var json = JsonDocument.Parse(output[output.IndexOf('[', StringComparison.Ordinal)..]);
        return json.RootElement.EnumerateArray()
            .Select(p => $"{p.GetProperty("code").GetString()} {p.GetProperty("message").GetString()} ({string.Join('.', p.GetProperty("path").EnumerateArray().Select(s => s.ToString()))})")
            .ToList();
    }

    private static async Task<string> LintAsync(string tool, string document, Func<string, string[]> arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var (exitCode, output, errors) = await LintTools.RunAsync(tool, arguments(file));
            // Both exit non-zero on findings; only output that is not a report is a failure to run.
            if (!output.Contains('{', StringComparison.Ordinal) && !output.Contains('[', StringComparison.Ordinal))
            {
                Assert.Fail($"{tool} did not report (exit code {exitCode}):\n{output}\n{errors}");
            }

            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
