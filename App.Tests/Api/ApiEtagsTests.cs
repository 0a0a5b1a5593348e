using AdminPortal.Tests.Infrastructure;
using AdminPortal.Features.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Tests.Api;

/// <summary>
/// If-Match handling on its own, including the race the HTTP tests cannot stage deterministically:
/// a conflict found during the write is 412 for a client that sent If-Match and 409 for one that did not.
/// </summary>
[TestClass]
[TestCategory(InnerLoop.Category)]
public sealed class ApiEtagsTests
{
    [TestMethod]
    [DataRow(null, null)]
    [DataRow("*", null)]
    [DataRow("\"3\"", 3)]
    [DataRow(" \"3\" ", 3)]
    [DataRow("\"1\", \"3\"", 3)]
    public async Task The_write_gets_the_version_the_client_expects(string? ifMatch, int? expected)
    {
        int? passed = -1;

        var result = await ApiEtags.WriteAsync(ifMatch, () => Task.FromResult(3), version =>
        {
            passed = version;
            return Task.FromResult(TypedResults.NoContent());
        });

        Assert.IsInstanceOfType<NoContent>(result.Result);
        Assert.AreEqual(expected, passed);
    }

    [TestMethod]
    [DataRow("\"1\", \"2\"")]
    [DataRow("W/\"3\"")]
    [DataRow("\"three\"")]
    public async Task A_tag_that_cannot_match_answers_412_without_writing(string ifMatch)
    {
        var wrote = false;

        var result = await ApiEtags.WriteAsync(ifMatch, () => Task.FromResult(3), _ =>
        {
            wrote = true;
            return Task.FromResult(TypedResults.NoContent());
        });

        Assert.AreEqual(StatusCodes.Status412PreconditionFailed, ((ProblemHttpResult)result.Result).StatusCode);
        Assert.IsFalse(wrote);
    }

    [TestMethod]
    [DataRow("3")]
    [DataRow("\"3")]
    [DataRow("version 3")]
    public async Task A_malformed_if_match_is_a_validation_error_naming_the_header(string ifMatch)
    {
        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(() =>
            ApiEtags.WriteAsync(ifMatch, () => Task.FromResult(3), _ => Task.FromResult(TypedResults.NoContent())));

        Assert.IsTrue(error.Errors.ContainsKey(ApiEtags.IfMatchHeader));
    }

    [TestMethod]
    public async Task A_conflict_found_during_the_write_is_412_for_a_client_that_sent_if_match()
    {
        var result = await ApiEtags.WriteAsync<NoContent>("\"3\"", () => Task.FromResult(3), _ => throw new ConcurrencyConflictException("User", 1));

        Assert.AreEqual(StatusCodes.Status412PreconditionFailed, ((ProblemHttpResult)result.Result).StatusCode);
    }

    [TestMethod]
    public async Task A_conflict_found_during_the_write_is_409_for_a_client_without_if_match()
    {
        var conflict = await Assert.ThrowsExactlyAsync<ConcurrencyConflictException>(() =>
            ApiEtags.WriteAsync<NoContent>(null, () => Task.FromResult(3), _ => throw new ConcurrencyConflictException("User", 1)));

        Assert.AreEqual(StatusCodes.Status409Conflict, ApiProblems.ToProblem(conflict)?.Status);
    }

    [TestMethod]
    public void The_etag_of_a_resource_is_its_version_in_quotes() => Assert.AreEqual("\"12\"", ApiEtags.Of(12));
}
