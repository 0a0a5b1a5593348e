namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// The inner loop: the domain rules, validation and the bUnit component tests, which need no host,
/// server or browser. A developer runs them alone in seconds with
/// <c>dotnet test --project App.Tests -- --filter "TestCategory=InnerLoop"</c>; the integration
/// tests are the rest of App.Tests (<c>TestCategory!=InnerLoop</c>). Every component test has the
/// category through <see cref="ComponentTest"/>.
/// </summary>
public static class InnerLoop
{
    public const string Category = "InnerLoop";
}
