namespace AdminPortal.E2E.Tests.EveryPage;

/// <summary>The axe check the page walks rely on fails when it should, naming what it found.</summary>
[TestClass]
public sealed class AccessibilityCheckTests : BrowserTest
{
    [TestMethod]
    public async Task An_image_without_a_text_alternative_and_invisible_text_fail_the_check()
    {
        await Page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Sample</title></head><body><main><h1>Sample</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="no-alt">
            <p style="color:#fff;background:#fff">white on white</p>
            </main></body></html>
            """);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(
            () => Accessibility.AssertNoSeriousViolationsAsync(Page, TestContext.WriteLine));

        StringAssert.Contains(failure.Message, "image-alt");
        StringAssert.Contains(failure.Message, "#no-alt");
        StringAssert.Contains(failure.Message, "invisible text, 1:1 contrast");
    }

    [TestMethod]
    public async Task A_page_already_scanned_is_scanned_again_as_it_is_now()
    {
        await Page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Sample</title></head><body><main><h1>Sample</h1></main></body></html>
            """);
        await Accessibility.AssertNoSeriousViolationsAsync(Page, TestContext.WriteLine);

        await Page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" id=\"added\">')");

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(
            () => Accessibility.AssertNoSeriousViolationsAsync(Page, TestContext.WriteLine));
        StringAssert.Contains(failure.Message, "#added");
    }
}
