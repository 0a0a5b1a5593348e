using AdminPortal.Tests.Infrastructure;
using AdminPortal.Features.Users;

namespace AdminPortal.Tests.Features.Users;

[TestClass]
[TestCategory(InnerLoop.Category)]
public sealed class UserRulesTests
{
    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("\t\n")]
    public void A_missing_or_blank_name_is_required(string? name) =>
        Assert.AreEqual(UserRules.NameRequired, UserRules.ValidateName(name));

    [TestMethod]
    public void A_name_of_100_characters_is_accepted() =>
        Assert.IsNull(UserRules.ValidateName(new string('a', 100)));

    [TestMethod]
    public void A_name_of_101_characters_is_too_long() =>
        Assert.AreEqual(UserRules.NameTooLong, UserRules.ValidateName(new string('a', 101)));

    [TestMethod]
    public void Surrounding_spaces_do_not_count_towards_the_length()
    {
        var padded = "  " + new string('a', 100) + "  ";
        Assert.IsNull(UserRules.ValidateName(padded));
        Assert.AreEqual(new string('a', 100), UserRules.NormalizeName(padded));
    }

    [TestMethod]
    [DataRow("Ann\u0000Lee")]
    [DataRow("Ann\nLee")]
    [DataRow("Ann\u001bLee")]
    [DataRow("Ann\u007fLee")]
    public void A_name_with_control_characters_is_refused(string name) =>
        Assert.AreEqual(UserRules.NameControlCharacters, UserRules.ValidateName(name));

    [TestMethod]
    [DataRow("Zoë O'Brien-Łukasz")]
    [DataRow("李小龍")]
    [DataRow("<script>alert(1)</script>")]
    public void Ordinary_and_unusual_printable_names_are_accepted(string name) =>
        Assert.IsNull(UserRules.ValidateName(name));

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("  ")]
    public void A_missing_email_is_required(string? email) =>
        Assert.AreEqual(UserRules.EmailRequired, UserRules.ValidateEmail(email));

    [TestMethod]
    [DataRow("ann@example.com")]
    [DataRow("Ann.Lee+orders@Example.CO.UK")]
    [DataRow("  ann@example.com  ")]
    public void A_single_address_is_accepted(string email) =>
        Assert.IsNull(UserRules.ValidateEmail(email));

    [TestMethod]
    [DataRow("Ann Lee <ann@example.com>")]
    [DataRow("\"Ann\" <ann@example.com>")]
    [DataRow("ann@@example.com")]
    [DataRow("ann@lee@example.com")]
    [DataRow("ann@example.com, bob@example.com")]
    [DataRow("ann")]
    [DataRow("@example.com")]
    [DataRow("ann@")]
    [DataRow("ann@example")]
    [DataRow("ann@.example.com")]
    [DataRow("ann@example..com")]
    [DataRow("ann lee@example.com")]
    [DataRow("ann@exa\u0000mple.com")]
    [DataRow("\"ann lee\"@example.com")]
    [DataRow("\"ann,lee\"@example.com")]
    [DataRow("\"ann<lee>\"@example.com")]
    [DataRow("\"ann;lee\"@example.com")]
    [DataRow("(work)ann@example.com")]
    public void Anything_but_a_single_bare_address_is_invalid(string email) =>
        Assert.AreEqual(UserRules.EmailInvalid, UserRules.ValidateEmail(email));

    [TestMethod]
    public void An_email_of_254_characters_is_accepted() =>
        Assert.IsNull(UserRules.ValidateEmail(EmailOfLength(254)));

    [TestMethod]
    public void An_email_of_255_characters_is_too_long() =>
        Assert.AreEqual(UserRules.EmailTooLong, UserRules.ValidateEmail(EmailOfLength(255)));

    [TestMethod]
    public void Emails_are_stored_trimmed_and_lower_case() =>
        Assert.AreEqual("ann.lee@example.com", UserRules.NormalizeEmail("  Ann.Lee@EXAMPLE.com "));

    // Labels of at most 63 characters keep the address valid while its length grows.
    private static string EmailOfLength(int length)
    {
        const string tail = "@example.com";
        var domainLabels = new List<string>();
        var remaining = length - tail.Length - 64;
        while (remaining > 0)
        {
            var label = Math.Min(62, remaining - 1);
            domainLabels.Add(new string('d', label));
            remaining -= label + 1;
        }

        var local = new string('l', 64 + remaining);
        var email = local + "@" + string.Concat(domainLabels.Select(l => l + ".")) + tail[1..];
        Assert.AreEqual(length, email.Length);
        return email;
    }
}
