namespace AdminPortal.E2E.Tests;

/// <summary>
/// A run with every outcome for <see cref="ReportTests"/> to read the report of: one test passes,
/// one fails on purpose (with markup in its message), one is inconclusive. They only read the
/// sign-in page, so the run may share a portal other tests are using. It runs only in the
/// separate run <see cref="ReportTests"/> starts (<see cref="SampleRun.Variable"/> set); in every
/// other run its tests are reported skipped, with that reason.
/// </summary>
[TestClass]
[OnlyInTheReportSampleRun]
public sealed class ReportSampleTests : BrowserTest
{
    /// <summary>Text of a test's failure that must show as text in the report, never as markup.</summary>
    public const string Markup = "<img src=x alt=\"injected\"> & <script>document.title='run'</script>";

    public const string FailureMessage = "This test fails on purpose: " + Markup;

    [TestMethod]
    public async Task Opens_the_sign_in_page()
    {
        var signIn = new SignInPage(Page);

        await signIn.GotoAsync();

        await Expect(signIn.Email).ToBeEditableAsync();
    }

    [TestMethod]
    public async Task Fails_on_purpose_on_the_sign_in_page()
    {
        var signIn = new SignInPage(Page);
        await signIn.GotoAsync();
        await Expect(signIn.Heading).ToBeVisibleAsync();

        Assert.Fail(FailureMessage);
    }

    [TestMethod]
    public void Is_inconclusive_on_purpose() => Assert.Inconclusive("This test is inconclusive on purpose.");
}

/// <summary>Runs a test only in the run <see cref="SampleRun"/> starts; elsewhere it is skipped, saying why.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OnlyInTheReportSampleRunAttribute : ConditionBaseAttribute
{
    public OnlyInTheReportSampleRunAttribute()
        : base(ConditionMode.Include) =>
        IgnoreMessage = $"a deliberate sample for ReportTests; it runs only in the run ReportTests starts ({SampleRun.Variable}=1)";

    public override bool IsConditionMet => Environment.GetEnvironmentVariable(SampleRun.Variable) == "1";

    public override string GroupName => nameof(OnlyInTheReportSampleRunAttribute);
}
