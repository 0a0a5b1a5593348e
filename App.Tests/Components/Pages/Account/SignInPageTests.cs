using System.Security.Claims;
using AdminPortal.Components.Pages.Account;
using AdminPortal.Features.Auth;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Pages.Account;

[TestClass]
public sealed class SignInPageTests : ComponentTest
{
    private readonly FakeSignIn _signIn = new();

    // The sign-in page is rendered statically on the server, never in a circuit.
    public SignInPageTests() => RenderAs = new("Static", isInteractive: false);

    [TestInitialize]
    public void RegisterFakes() => Services.AddSingleton<IStaffSignIn>(_signIn);

    [TestMethod]
    public void Email_and_password_have_visible_labels_and_the_button_says_sign_in()
    {
        var page = Render<SignIn>();

        Assert.AreEqual("email", page.Find("label[for=email]").GetAttribute("for"));
        Assert.AreEqual("Email", page.Find("label[for=email]").TextContent);
        Assert.AreEqual("Password", page.Find("label[for=password]").TextContent);
        Assert.AreEqual("password", page.Find("#password").GetAttribute("type"));
        Assert.AreEqual("Sign in", page.Find("button[type=submit]").TextContent);
        Assert.HasCount(1, page.FindAll("h1"));
    }

    [TestMethod]
    public async Task Submitting_empty_fields_shows_both_messages_and_tries_nothing()
    {
        var page = Render<SignIn>();

        await UserAsync(() => page.Find("form").Submit());

        var messages = page.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        CollectionAssert.AreEqual(new[] { SignInMessages.EmailRequired, SignInMessages.PasswordRequired }, messages);
        Assert.AreEqual(0, _signIn.Attempts);
    }

    [TestMethod]
    [DataRow(SignInOutcome.Failed, SignInMessages.Failed)]
    [DataRow(SignInOutcome.LockedOut, SignInMessages.LockedOut)]
    public async Task A_refused_sign_in_shows_why_as_an_alert(SignInOutcome outcome, string message)
    {
        _signIn.Outcome = outcome;
        var page = Render<SignIn>();

        await UserAsync(() => page.Find("#email").Change("ann@example.com"));
        await UserAsync(() => page.Find("#password").Change("secret"));
        await UserAsync(() => page.Find("form").Submit());

        Assert.AreEqual(message, page.Find("[role=alert]").TextContent);
        Assert.AreEqual(("ann@example.com", "secret"), _signIn.Last);
    }

    [TestMethod]
    public async Task A_successful_sign_in_goes_to_the_page_asked_for()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/account/sign-in?returnUrl=%2Forders%3Fstatus%3Dpending");
        var page = Render<SignIn>();

        await UserAsync(() => page.Find("#email").Change("ann@example.com"));
        await UserAsync(() => page.Find("#password").Change("secret"));
        await UserAsync(() => page.Find("form").Submit());

        Assert.AreEqual("http://localhost/orders?status=pending", navigation.Uri);
        Assert.IsEmpty(page.FindAll("[role=alert]"));
    }

    [TestMethod]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");
        var page = Render<SignIn>();

        await UserAsync(() => page.Find("#email").Change("ann@example.com"));
        await UserAsync(() => page.Find("#password").Change("secret"));
        await UserAsync(() => page.Find("form").Submit());

        Assert.AreEqual("http://localhost/", navigation.Uri);
    }

    [TestMethod]
    public async Task A_right_password_of_an_enrolled_member_goes_on_to_the_code_keeping_where_to_go()
    {
        _signIn.Outcome = SignInOutcome.CodeRequired;
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/account/sign-in?returnUrl=%2Forders");
        var page = Render<SignIn>();

        await UserAsync(() => page.Find("#email").Change("ann@example.com"));
        await UserAsync(() => page.Find("#password").Change("secret"));
        await UserAsync(() => page.Find("form").Submit());

        Assert.AreEqual("http://localhost/account/sign-in/code?ReturnUrl=%2Forders", navigation.Uri);
    }

    [TestMethod]
    public void The_code_step_has_a_labelled_authentication_code_field()
    {
        var page = Render<SignInCode>();

        Assert.AreEqual("Authentication code", page.Find("label[for=code]").TextContent);
        Assert.AreEqual("one-time-code", page.Find("#code").GetAttribute("autocomplete"));
        Assert.AreEqual("Authentication code", page.Find("h1").TextContent);
    }

    [TestMethod]
    [DataRow(SignInOutcome.Failed, SignInMessages.CodeWrong)]
    [DataRow(SignInOutcome.LockedOut, SignInMessages.LockedOut)]
    [DataRow(SignInOutcome.SignInAgain, SignInMessages.SignInAgain)]
    public async Task A_refused_code_says_why(SignInOutcome outcome, string message)
    {
        _signIn.Outcome = outcome;
        var page = Render<SignInCode>();

        await UserAsync(() => page.Find("#code").Change("123 456"));
        await UserAsync(() => page.Find("form").Submit());

        Assert.AreEqual(message, page.Find("[role=alert]").TextContent);
        Assert.AreEqual("123 456", _signIn.Last.Password, "the code as typed goes to the check");
        Assert.AreEqual("", page.Find("#code").GetAttribute("value") ?? "", "the code does not travel back");
    }

    [TestMethod]
    public async Task A_right_code_goes_to_the_page_asked_for_and_an_empty_one_is_not_tried()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/account/sign-in/code?ReturnUrl=%2Fusers");
        var page = Render<SignInCode>();

        await UserAsync(() => page.Find("form").Submit());
        var triedEmpty = _signIn.Attempts;
        var saidEmpty = page.Find(".validation-message").TextContent;
        await UserAsync(() => page.Find("#code").Change("123456"));
        await UserAsync(() => page.Find("form").Submit());

        Assert.AreEqual((0, SignInMessages.CodeRequired), (triedEmpty, saidEmpty));
        Assert.AreEqual("http://localhost/users", navigation.Uri);
    }

    private sealed class FakeSignIn : IStaffSignIn
    {
        public SignInOutcome Outcome { get; set; } = SignInOutcome.Succeeded;
        public int Attempts { get; private set; }
        public (string Email, string Password) Last { get; private set; }

        public Task<SignInOutcome> SignInAsync(string email, string password)
        {
            Attempts++;
            Last = (email, password);
            return Task.FromResult(Outcome);
        }

        public Task<SignInOutcome> SignInWithCodeAsync(string code)
        {
            Attempts++;
            Last = ("", code);
            return Task.FromResult(Outcome);
        }

        public Task<(SignInOutcome Outcome, AdminPortal.Features.Staff.StaffUser? Staff)> CheckAsync(string email, string password, string? code = null) =>
            throw new NotSupportedException();

        public Task SignOutAsync() => Task.CompletedTask;

        public Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal user, string currentPassword, string newPassword) =>
            throw new NotSupportedException();
    }
}
