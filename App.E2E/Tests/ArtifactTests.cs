using System.IO.Compression;

namespace AdminPortal.E2E.Tests;

/// <summary>What QA get when a test fails: the trace and a full-page screenshot, where the README says.</summary>
[TestClass]
public sealed class ArtifactTests : BrowserTest
{
    [TestMethod]
    public async Task A_failed_test_keeps_its_trace_and_a_full_page_screenshot_in_a_folder_named_after_it()
    {
        if (E2ERun.Config.Trace == ArtifactMode.Off || E2ERun.Config.Screenshot == ArtifactMode.Off)
        {
            Assert.Inconclusive("trace or screenshot is configured off: nothing is kept, by request.");
        }

        var home = new DashboardPage(Page);
        await SignInAsync(Portal.Admin);
        await home.GotoAsync();
        await Expect(home.Heading).ToHaveCountAsync(1);
        var folder = ArtifactFolder;

        var kept = await KeepArtifactsAsIfFailedAsync();

        try
        {
            Assert.AreEqual(
                Path.GetFullPath(Path.Combine(E2ERun.Config.OutputDir, $"{nameof(ArtifactTests)}.{nameof(A_failed_test_keeps_its_trace_and_a_full_page_screenshot_in_a_folder_named_after_it)}")),
                Path.GetFullPath(folder));
            var trace = Path.Combine(folder, "trace.zip");
            var screenshot = Path.Combine(folder, "screenshot.png");
            CollectionAssert.AreEquivalent(new[] { screenshot, trace }, kept.ToArray());

            using (var zip = ZipFile.OpenRead(trace))
            {
                Assert.IsTrue(zip.Entries.Any(e => e.Name.EndsWith(".trace", StringComparison.Ordinal)), "a Playwright trace: " + string.Join(", ", zip.Entries.Select(e => e.Name)));
                Assert.IsTrue(zip.Entries.Any(e => e.Name.EndsWith(".network", StringComparison.Ordinal)), "with the network log");
            }

            var png = await File.ReadAllBytesAsync(screenshot);
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4], "a PNG");
            Assert.AreEqual(
                $"dotnet test --project App.E2E -- --filter \"FullyQualifiedName=AdminPortal.E2E.Tests.ArtifactTests.{nameof(A_failed_test_keeps_its_trace_and_a_full_page_screenshot_in_a_folder_named_after_it)}\"",
                RerunCommand);
        }
        finally
        {
            // This test passed: leave nothing behind for it.
            Directory.Delete(folder, recursive: true);
        }
    }
}
