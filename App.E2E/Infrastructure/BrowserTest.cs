using System.Collections.Concurrent;
using System.Diagnostics;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// Gives each test a fresh browser context and page on the portal, with the configured time-outs;
/// keeps a trace, a full-page screenshot and a video under <c>outputDir/&lt;Class.Test&gt;/</c> as
/// configured (<c>retain-on-failure</c>: only when the test failed) and prints their paths.
/// </summary>
public abstract class BrowserTest
{
    /// <summary>
    /// Sign-in cookies per staff email, on the in-process portals or on one deployed portal. The
    /// template's members (the seeded Admin and <see cref="MemberAsync"/>'s one per role) are the
    /// accounts that sign in in many tests, and every test restores their rows, security stamps
    /// included, from the same template, so a session made by one test is valid and identical in
    /// all. The in-process portals also restore the same Data Protection key ring with it (the key
    /// the template's portal made before the snapshot, shared as several instances share it), and a
    /// cookie is not bound to a port: a session made on one of them is valid on every other. Reusing
    /// it spares each test the sign-in page, its form post and the signed-in page it lands on (1.4 to
    /// 2 s a first sign-in on this machine); the sign-in journeys themselves drive
    /// <see cref="SignInPage"/> directly.
    /// </summary>
    private static readonly ConcurrentDictionary<(Uri? Portal, string Email), Cookie[]> Sessions = new();

    private readonly Stopwatch _onPortal = new();
    private readonly TestPhases _phases = new();

    /// <summary>The portal each of this test's browsers is on, for the sign-in's authenticator codes.</summary>
    private readonly Dictionary<IBrowserContext, PortalHost> _portalOf = [];
    private IBrowserContext? _context;
    private IPage? _page;
    private PortalHost? _portal;
    private PortalApi? _api;
    private readonly List<IBrowserContext> _otherContexts = [];

    /// <summary>The artifacts kept for this test, for the report.</summary>
    private readonly List<string> _kept = [];

    public required TestContext TestContext { get; set; }

    protected IPage Page => _page ?? throw new InvalidOperationException("The page exists only while a test runs.");

    /// <summary>The portal this test drives, on its own fresh copy of the seeded database.</summary>
    protected PortalHost Portal => _portal ?? throw new InvalidOperationException("The portal is lent only while a test runs.");

    /// <summary>The portal's API as its Admin, for arranging what a journey starts from.</summary>
    protected PortalApi Api => _api ??= new PortalApi(Portal);

    private static E2EConfig Config => E2ERun.Config;

    /// <summary>
    /// A staff member with the role (<c>agent</c> or <c>viewer</c>) to sign in as, for a journey
    /// about what the role may do rather than about the account: the in-process template's member
    /// (whose session <see cref="SignInAsync(ValueTuple{string, string})"/> reuses, as the Admin's),
    /// or on a deployed portal a new member, cleaned up after the test.
    /// </summary>
    protected async Task<(string Email, string Password)> MemberAsync(string role) =>
        Portal.IsInProcess ? PortalHost.TemplateMember(role) : await Api.CreateStaffAsync(role);

    /// <summary>Signs <see cref="Page"/>'s browser in as <paramref name="staff"/>; navigate next.</summary>
    protected Task SignInAsync((string Email, string Password) staff) => SignInAsync(Page, staff);

    /// <summary>
    /// Signs <paramref name="page"/>'s browser in as <paramref name="staff"/> through the sign-in
    /// page (waiting for the signed-in layout), or with that staff member's session on this portal
    /// when an earlier test made one. Either way, navigate next.
    /// </summary>
    protected Task SignInAsync(IPage page, (string Email, string Password) staff) =>
        _phases.TimeAsync(TestPhases.SignIn, () => SignInOnceAsync(page, staff));

    private async Task SignInOnceAsync(IPage page, (string Email, string Password) staff)
    {
        var key = (Portal.IsInProcess ? null : Portal.BaseUrl, staff.Email);
        if (Sessions.TryGetValue(key, out var cookies))
        {
            await page.Context.AddCookiesAsync(cookies);
            return;
        }

        await SignInWithFormAsync(page, staff);
        Sessions.TryAdd(key, [.. (await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            Expires = c.Expires,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        })]);
    }

    /// <summary>
    /// A page in a second, separate browser context (its own cookies: another staff member's
    /// browser) on the same portal and database; closed with the test.
    /// </summary>
    protected Task<IPage> OpenAnotherBrowserAsync() => OpenBrowserOnAsync(Portal);

    /// <summary>
    /// A page in a separate browser context on another portal than <see cref="Portal"/> (another
    /// instance on the same database); closed with the test. Sign it in with <see cref="SignInThroughFormAsync"/>.
    /// </summary>
    protected Task<IPage> OpenBrowserOnAsync(PortalHost portal) => _phases.TimeAsync(TestPhases.BrowserContext, async () =>
    {
        var context = await E2ERun.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseUrl.ToString() });
        _otherContexts.Add(context);
        Track(context, portal);
        context.SetDefaultTimeout(Config.TimeoutMs);
        return await context.NewPageAsync();
    });

    /// <summary>
    /// Signs <paramref name="page"/> in through the sign-in form of its own portal, waiting for the
    /// signed-in layout. A member with two-factor sign-in gets their next code (<see cref="Authenticators"/>);
    /// one a portal with <c>Auth:RequireMfa</c> sends to enrol is enrolled, and their key kept.
    /// </summary>
    protected Task SignInThroughFormAsync(IPage page, (string Email, string Password) staff) =>
        _phases.TimeAsync(TestPhases.SignIn, () => SignInWithFormAsync(page, staff));

    private async Task SignInWithFormAsync(IPage page, (string Email, string Password) staff)
    {
        var portal = _portalOf[page.Context];
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(staff.Email, staff.Password);
        var layout = new PortalLayout(page);
        var codeStep = new SignInCodePage(page);
        var enrolment = new MfaPage(page);
        await Expect(layout.SignedInAs.Or(codeStep.Heading).Or(enrolment.Heading).First).ToBeVisibleAsync();
        if (await codeStep.Heading.IsVisibleAsync())
        {
            await codeStep.EnterAsync(await Authenticators.NextCodeAsync(portal, staff.Email));
        }
        else if (await enrolment.Heading.IsVisibleAsync() && await enrolment.VerificationCode.IsVisibleAsync())
        {
            var key = (await enrolment.Key.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
            Authenticators.Remember(portal, staff.Email, key);
            var now = DateTimeOffset.UtcNow;
            await enrolment.ConfirmAsync(new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(now.UtcDateTime));
            Authenticators.Used(portal, staff.Email, now);
            await Expect(enrolment.RecoveryCodes).ToHaveCountAsync(10);
            await page.GetByRole(AriaRole.Link, new() { Name = "Continue to the portal" }).ClickAsync();
        }

        await Expect(layout.SignedInAs).ToHaveTextAsync(staff.Email);
    }

    [TestInitialize]
    public async Task OpenPageAsync()
    {
        var waiting = Stopwatch.StartNew();
        var (portal, restore) = await E2ERun.Portals.AcquireAsync(TestContext.CancellationToken);
        _onPortal.Restart();
        _portal = portal;
        // MSTest starts more tests than there are portals; the waiting ones count in the TRX duration.
        TestContext.WriteLine($"Waited {(waiting.Elapsed - restore).TotalMilliseconds:F0} ms for a free portal");
        if (portal.IsInProcess)
        {
            TestContext.WriteLine($"Fresh database in {restore.TotalMilliseconds:F1} ms");
        }

        // A kept artifact from an earlier run of this test would otherwise pass for this run's.
        if (Directory.Exists(ArtifactFolder))
        {
            Directory.Delete(ArtifactFolder, recursive: true);
        }

        _page = await _phases.TimeAsync(TestPhases.BrowserContext, async () =>
        {
            _context = await E2ERun.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = portal.BaseUrl.ToString(),
                RecordVideoDir = Config.Video == ArtifactMode.Off ? null : Path.Combine(ArtifactFolder, "video"),
            });
            Track(_context, portal);
            _context.SetDefaultTimeout(Config.TimeoutMs);

            if (Config.Trace != ArtifactMode.Off)
            {
                // Every test records, since only its end says whether it failed. The DOM snapshot of
                // each action is what the viewer shows of a failure (with the full-page screenshot
                // kept beside it); the screencast (Screenshots) encodes frames all through every
                // test and doubled a passing test's time on this 2-core machine (docs/performance.md).
                await _context.Tracing.StartAsync(new TracingStartOptions
                {
                    Title = ArtifactName(),
                    Screenshots = false,
                    Snapshots = true,
                    Sources = true,
                });
            }

            return await _context.NewPageAsync();
        });
    }

    private void Track(IBrowserContext context, PortalHost portal)
    {
        _portalOf[context] = portal;
        _phases.Track(context);
    }

    [TestCleanup]
    public async Task ClosePageAsync()
    {
        var teardown = Stopwatch.StartNew();
        try
        {
            if (_page is not null)
            {
                _kept.AddRange(await KeepArtifactsAsync(_context!, _page, Failed));
            }
            else if (_context is not null)
            {
                // The test initialisation failed half-way: nothing to keep, only a context to close.
                await _context.CloseAsync();
            }
        }
        finally
        {
            await CloseOtherBrowsersAsync();
            try
            {
                // An in-process portal's database is thrown away; a deployed one keeps what tests make.
                if (_api is not null && _portal is { IsInProcess: false })
                {
                    await _api.CleanUpAsync();
                }
            }
            finally
            {
                _api?.Dispose();
                _api = null;
                _phases.Add(TestPhases.Teardown, teardown.Elapsed);
                if (_portal is not null)
                {
                    _onPortal.Stop();
                    TestContext.WriteLine($"Ran {_onPortal.ElapsedMilliseconds} ms on its portal");
                    TestContext.WriteLine(TestPhases.Line(_phases.Of(_onPortal.Elapsed)));
                    E2ERun.Portals.Release(_portal);
                    _portal = null;
                }

                AddToReport();
            }
        }
    }

    /// <summary>
    /// The folder a failed test's trace and screenshot go to: <c>outputDir/&lt;Class&gt;.&lt;Test&gt;</c>.
    /// </summary>
    protected string ArtifactFolder => Path.Combine(Config.OutputDir, ArtifactName());

    /// <summary>The one-line command that runs this test (every data row of it) and nothing else, printed when it fails.</summary>
    protected string RerunCommand =>
        $"dotnet test --project App.E2E -- --filter \"FullyQualifiedName={TestContext.FullyQualifiedTestClassName}.{TestContext.TestName}\"";

    /// <summary>The test failed (an inconclusive one, e.g. a check that needs the in-process portal, did not).</summary>
    private bool Failed => TestContext.CurrentTestOutcome is not (UnitTestOutcome.Passed or UnitTestOutcome.Inconclusive);

    /// <summary>
    /// Does now what the clean-up does after a failed test: keeps the artifacts and closes the page.
    /// For the test of that mechanism; the page is gone afterwards.
    /// </summary>
    protected async Task<IReadOnlyList<string>> KeepArtifactsAsIfFailedAsync()
    {
        var (context, page) = (_context!, Page);
        _page = null;
        _context = null;
        return await KeepArtifactsAsync(context, page, failed: true);
    }

    /// <summary>Closes the contexts of <see cref="OpenAnotherBrowserAsync"/>; on failure keeps what their pages showed.</summary>
    private async Task CloseOtherBrowsersAsync()
    {
        var failed = Failed;
        for (var i = 0; i < _otherContexts.Count; i++)
        {
            var context = _otherContexts[i];
            try
            {
                if (Keep(Config.Screenshot, failed) && context.Pages.FirstOrDefault() is { } page)
                {
                    var screenshot = Path.Combine(ArtifactFolder, $"screenshot-browser-{i + 2}.png");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
                    _kept.Add(screenshot);
                    TestContext.AddResultFile(screenshot);
                    TestContext.WriteLine($"Kept {Path.GetFileName(screenshot)}: {screenshot}");
                }
            }
            catch (PlaywrightException e)
            {
                TestContext.WriteLine($"Could not save browser {i + 2}'s screenshot: {e.Message}");
            }
            finally
            {
                await context.CloseAsync();
            }
        }

        _otherContexts.Clear();
    }

    /// <summary>Saves what the configuration keeps for this outcome, and closes the context; the paths kept.</summary>
    private async Task<IReadOnlyList<string>> KeepArtifactsAsync(IBrowserContext context, IPage page, bool failed)
    {
        var kept = new List<string>();
        try
        {
            if (Keep(Config.Screenshot, failed))
            {
                var screenshot = Path.Combine(ArtifactFolder, "screenshot.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
                kept.Add(screenshot);
            }

            if (Config.Trace != ArtifactMode.Off)
            {
                // Stopping without a path discards what was recorded.
                var trace = Keep(Config.Trace, failed) ? Path.Combine(ArtifactFolder, "trace.zip") : null;
                await context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
                if (trace is not null)
                {
                    kept.Add(trace);
                }
            }
        }
        catch (PlaywrightException e)
        {
            // A crashed page must not hide the test's own failure behind a clean-up error.
            TestContext.WriteLine($"Could not save the test's screenshot or trace: {e.Message}");
        }
        finally
        {
            var video = page.Video is { } v ? await v.PathAsync() : null;
            await context.CloseAsync();
            if (video is not null)
            {
                kept.AddRange(KeepVideo(video, failed));
            }

            if (Directory.Exists(ArtifactFolder) && !Directory.EnumerateFileSystemEntries(ArtifactFolder).Any())
            {
                Directory.Delete(ArtifactFolder);
            }
        }

        if (failed)
        {
            foreach (var line in E2ERun.Setup)
            {
                TestContext.WriteLine(line);
            }

            TestContext.WriteLine($"Run this test alone: {RerunCommand}");
        }

        foreach (var path in kept)
        {
            TestContext.AddResultFile(path);
            TestContext.WriteLine($"Kept {Path.GetFileName(path)}: {path}");
        }

        if (kept.Any(p => p.EndsWith(".zip", StringComparison.Ordinal)))
        {
            TestContext.WriteLine($"Open the trace with `{E2EReport.ShowTraceCommand("<trace.zip>")}` (then the address it prints) or at https://trace.playwright.dev; every failure is also in the run's report, {Config.Report}");
        }

        return kept;
    }

    /// <summary>Files this test's outcome, its failure and what was kept of it under <see cref="E2EReport"/>.</summary>
    private void AddToReport()
    {
        var exception = TestContext.TestException;
        var outcome = E2EReport.OutcomeOf(TestContext.CurrentTestOutcome);
        E2EReport.Add(new ReportedTest(
            ClassName: TestContext.FullyQualifiedTestClassName?.Split('.').Last() ?? GetType().Name,
            Name: TestContext.TestDisplayName ?? TestContext.TestName ?? "",
            Outcome: outcome,
            Duration: _onPortal.Elapsed,
            Message: exception?.Message,
            Details: outcome == ReportOutcome.Failed ? exception?.ToString() : null,
            Screenshots: [.. _kept.Where(p => p.EndsWith(".png", StringComparison.Ordinal) && File.Exists(p))],
            Trace: _kept.FirstOrDefault(p => p.EndsWith(".zip", StringComparison.Ordinal) && File.Exists(p)),
            RerunCommand: RerunCommand,
            Phases: _phases.Of(_onPortal.Elapsed)));
        _kept.Clear();
    }

    private static bool Keep(ArtifactMode mode, bool failed) =>
        mode == ArtifactMode.On || (mode == ArtifactMode.RetainOnFailure && failed);

    /// <summary>The video is complete only once the context is closed; keep it under a stable name or drop it.</summary>
    private IEnumerable<string> KeepVideo(string recorded, bool failed)
    {
        if (!Keep(Config.Video, failed))
        {
            Directory.Delete(Path.GetDirectoryName(recorded)!, recursive: true);
            return [];
        }

        var video = Path.Combine(ArtifactFolder, "video.webm");
        File.Move(recorded, video, overwrite: true);
        Directory.Delete(Path.GetDirectoryName(recorded)!, recursive: true);
        return [video];
    }

    /// <summary>"Class.Test", safe as a folder name; the display name tells data rows apart.</summary>
    private string ArtifactName()
    {
        var className = TestContext.FullyQualifiedTestClassName?.Split('.').Last() ?? GetType().Name;
        var name = $"{className}.{TestContext.TestDisplayName ?? TestContext.TestName}";
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string([.. name.Select(ch => invalid.Contains(ch) || char.IsWhiteSpace(ch) ? '_' : ch)]);
        return safe.Length <= 120 ? safe : safe[..120];
    }
}
