using System.Net;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Features.Auth;

[TestClass]
public sealed class SignInTests
{
    [TestMethod]
    public async Task The_right_password_signs_in_with_a_cookie_that_scripts_cannot_read()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var response = await PortalFactory.PostSignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        StringAssert.Contains(cookie, "httponly");
        StringAssert.Contains(cookie, "samesite=lax");
        Assert.DoesNotContain("secure", cookie, "served over plain HTTP, so not Secure");
    }

    [TestMethod]
    public async Task Over_https_the_cookie_is_secure()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

        using var response = await PortalFactory.PostSignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        StringAssert.Contains(cookie, "secure");
    }

    [TestMethod]
    public async Task A_signed_in_member_reaches_the_page_they_asked_for_but_never_another_site()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var local = await PostSignInWithReturnUrlAsync(client, "/staff");
        using var foreign = await PostSignInWithReturnUrlAsync(client, "https://evil.example/phish");
        using var protocolRelative = await PostSignInWithReturnUrlAsync(client, "//evil.example");

        Assert.AreEqual("http://localhost/staff", Target(local));
        Assert.AreEqual("http://localhost/", Target(foreign));
        Assert.AreEqual("http://localhost/", Target(protocolRelative));
    }

    [TestMethod]
    public async Task A_wrong_password_shows_a_message_that_does_not_say_which_part_was_wrong()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var wrongPassword = await PortalFactory.PostSignInAsync(client, PortalFactory.AdminEmail, "Typed-Secret-42");
        using var unknownEmail = await PortalFactory.PostSignInAsync(client, "nobody@example.com", "wrong");

        Assert.AreEqual(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.DoesNotContain("Typed-Secret-42", await wrongPassword.Content.ReadAsStringAsync(), "the typed password is not sent back");
        Assert.AreEqual(SignInMessages.Failed, MessageOf(await wrongPassword.Content.ReadAsStringAsync()));
        Assert.AreEqual(SignInMessages.Failed, MessageOf(await unknownEmail.Content.ReadAsStringAsync()));
    }

    [TestMethod]
    [DataRow(PortalFactory.AdminEmail)]
    [DataRow("nobody@example.com")]
    public async Task Five_failed_sign_ins_lock_the_account_with_the_same_answers_whether_it_exists_or_not(string email)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        var answers = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var response = await PortalFactory.PostSignInAsync(client, email, "wrong-password");
            answers.Add(MessageOf(await response.Content.ReadAsStringAsync()));
        }

        using var afterwards = await PortalFactory.PostSignInAsync(client, email, PortalFactory.AdminPassword);

        CollectionAssert.AreEqual(
            new[] { SignInMessages.Failed, SignInMessages.Failed, SignInMessages.Failed, SignInMessages.Failed, SignInMessages.LockedOut },
            answers);
        Assert.AreEqual(HttpStatusCode.OK, afterwards.StatusCode, "even the right password is refused while locked");
        Assert.AreEqual(SignInMessages.LockedOut, MessageOf(await afterwards.Content.ReadAsStringAsync()));
    }

    [TestMethod]
    public async Task A_disabled_member_cannot_sign_in_even_with_the_right_password()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        await Disable(portal, email);
        using var client = portal.CreateRawClient();

        using var response = await PortalFactory.PostSignInAsync(client, email, PortalFactory.StaffPassword);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(SignInMessages.Failed, MessageOf(await response.Content.ReadAsStringAsync()));
    }

    [TestMethod]
    public async Task Once_its_check_is_due_a_page_sign_in_holds_for_a_current_member_and_ends_for_a_disabled_one()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory { Time = time };
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var browser = await portal.CreateSignedInClientAsync(email, PortalFactory.StaffPassword);
        // The cookie is checked against the staff store once a minute: make the check due.
        time.Advance(TimeSpan.FromMinutes(2));

        using var current = await browser.GetAsync("/users");
        await Disable(portal, email);
        time.Advance(TimeSpan.FromMinutes(2));
        using var disabled = await browser.GetAsync("/users");

        Assert.AreEqual(HttpStatusCode.OK, current.StatusCode, "the staff store still has the member as signed in");
        Assert.AreEqual(HttpStatusCode.Redirect, disabled.StatusCode);
        StringAssert.StartsWith(disabled.Headers.Location?.AbsolutePath ?? disabled.Headers.Location?.OriginalString, AuthFeature.SignInPath);
    }

    [TestMethod]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var form = await client.GetAsync(AuthFeature.SignInPath);
        using var response = await client.PostAsync(AuthFeature.SignInPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = PortalFactory.AdminEmail,
            ["Input.Password"] = PortalFactory.AdminPassword,
        }));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsFalse(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("portal.auth=", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Signing_out_ends_the_session()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var browser = await portal.CreateSignedInClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var home = await browser.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var signOut = await browser.PostAsync(AuthFeature.SignOutPath, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var after = await browser.GetAsync("/");

        Assert.AreEqual(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.AreEqual(HttpStatusCode.Redirect, after.StatusCode);
        StringAssert.StartsWith(after.Headers.Location!.AbsolutePath, AuthFeature.SignInPath);
    }

    [TestMethod]
    public async Task Passwords_are_stored_only_as_hashes_and_never_reach_the_logs()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var client = portal.CreateRawClient();
        using (await PortalFactory.PostSignInAsync(client, email, PortalFactory.StaffPassword))
        using (await PortalFactory.PostSignInAsync(client, email, "Wrong-Secret-9!"))
        {
        }

        _ = await portal.TokenAsync(email, PortalFactory.StaffPassword);

        await using var scope = portal.Services.CreateAsyncScope();
        var staff = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
        Assert.IsNotNull(staff?.PasswordHash);
        Assert.DoesNotContain(PortalFactory.StaffPassword, staff.PasswordHash);
        Assert.IsNotEmpty(portal.Logs.Entries);
        foreach (var secret in new[] { PortalFactory.StaffPassword, PortalFactory.AdminPassword, "Wrong-Secret-9!", staff.PasswordHash })
        {
            Assert.IsFalse(portal.Logs.Entries.Any(e => e.Contains(secret, StringComparison.Ordinal)), $"a log entry holds a secret");
        }
    }

    internal static async Task Disable(PortalFactory portal, string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffService>().UpdateAsync(await portal.StaffIdAsync(email), new StaffChange(null, true), "agent@example.com");
    }

    private static Task<HttpResponseMessage> PostSignInWithReturnUrlAsync(HttpClient client, string returnUrl) =>
        PortalFactory.PostSignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword,
            $"{AuthFeature.SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");

    private static string Target(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).ToString();

    private static string MessageOf(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"alert alert-danger\" role=\"alert\">([^<]*)</div>");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
