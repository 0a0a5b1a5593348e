using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Features.Common;

/// <summary>
/// Pages and API answers come back Brotli- or gzip-compressed when the client asks with
/// Accept-Encoding, unchanged otherwise; the validators and HEAD stay as they were (ADR 007).
/// </summary>
[TestClass]
public sealed partial class TextCompressionTests
{
    private static PortalFactory _portal = null!;
    private static HttpClient _browser = null!;
    private static HttpClient _api = null!;
    private static int _userId;

    [ClassInitialize]
    public static async Task StartPortal(TestContext _)
    {
        _portal = new PortalFactory();
        _browser = await _portal.CreateSignedInClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        _api = await _portal.CreateApiClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var user = await _portal.AddUserAsync(new UserBuilder().Named("Compressed Cora"));
        await _portal.AddOrderAsync(user.Id, new OrderBuilder());
        _userId = user.Id;
    }

    [ClassCleanup]
    public static async Task StopPortal()
    {
        _browser.Dispose();
        _api.Dispose();
        await _portal.DisposeAsync();
    }

    [TestMethod]
    [DataRow("br")]
    [DataRow("gzip")]
    public async Task A_page_comes_back_compressed_when_asked_and_reads_the_same(string encoding)
    {
        var plain = await GetAsync(_browser, "/", null);
        var compressed = await GetAsync(_browser, "/", encoding);

        Assert.AreEqual(HttpStatusCode.OK, compressed.Status);
        Assert.AreEqual(encoding, compressed.Encoding);
        Assert.AreEqual("text/html", compressed.MediaType);
        Assert.Contains("Accept-Encoding", compressed.Vary);
        Assert.IsLessThan(plain.Body.Length, compressed.WireLength, "smaller on the wire");
        StringAssert.Contains(compressed.Body, "Dashboard</h1>");
        Assert.IsNull(plain.Encoding, "not asked, not compressed");
        StringAssert.Contains(plain.Body, "Dashboard</h1>");
    }

    [TestMethod]
    [DataRow("br")]
    [DataRow("gzip")]
    public async Task An_api_answer_comes_back_compressed_with_its_etag_unchanged(string encoding)
    {
        var plain = await GetAsync(_api, $"/api/users/{_userId}", null);
        var compressed = await GetAsync(_api, $"/api/users/{_userId}", encoding);

        Assert.AreEqual(encoding, compressed.Encoding);
        Assert.AreEqual("application/json", compressed.MediaType);
        Assert.AreEqual("Compressed Cora", JsonDocument.Parse(compressed.Body).RootElement.GetProperty("name").GetString());
        Assert.IsNull(plain.Encoding);
        Assert.AreEqual(plain.Body, compressed.Body);
        // The ETag names the user's version, which If-Match compares; it does not change with the coding.
        Assert.IsNotNull(plain.ETag);
        Assert.AreEqual(plain.ETag, compressed.ETag);
    }

    [TestMethod]
    [DataRow("/api/orders/export.csv", "text/csv", HttpStatusCode.OK)]
    [DataRow("/api/orders?pageSize=0", "application/problem+json", HttpStatusCode.BadRequest)]
    [DataRow("/api/orders?pageSize=5", "application/json", HttpStatusCode.OK)]
    public async Task Csv_problems_and_lists_are_compressed_too(string path, string mediaType, HttpStatusCode status)
    {
        var compressed = await GetAsync(_api, path, "gzip");

        Assert.AreEqual(status, compressed.Status);
        Assert.AreEqual(mediaType, compressed.MediaType);
        Assert.AreEqual("gzip", compressed.Encoding);
        // The same answer (a problem's traceId is each request's own).
        Assert.AreEqual(TraceId().Replace((await GetAsync(_api, path, null)).Body, ""), TraceId().Replace(compressed.Body, ""));
    }

    [TestMethod]
    public async Task Head_says_what_get_would_and_sends_no_body()
    {
        var get = await GetAsync(_api, $"/api/users/{_userId}", "br");
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/api/users/{_userId}");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var head = await _api.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, head.StatusCode);
        Assert.AreEqual("br", string.Join(",", head.Content.Headers.ContentEncoding));
        Assert.AreEqual(get.ETag, head.Headers.ETag?.Tag);
        Assert.IsEmpty(await head.Content.ReadAsByteArrayAsync());
    }

    [TestMethod]
    public async Task A_static_file_is_compressed_once_whoever_compresses_it()
    {
        var robots = await GetAsync(_browser, "/robots.txt", "gzip");

        Assert.AreEqual("gzip", robots.Encoding);
        StringAssert.StartsWith(robots.Body, "User-agent: *\nDisallow: /");
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    private sealed record Answer(HttpStatusCode Status, string? MediaType, string? Encoding, string[] Vary, string? ETag, int WireLength, string Body);

    private static async Task<Answer> GetAsync(HttpClient client, string path, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }

        using var response = await client.SendAsync(request);
        var wire = await response.Content.ReadAsByteArrayAsync();
        var coding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        return new Answer(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            coding,
            [.. response.Headers.Vary],
            response.Headers.ETag?.Tag,
            wire.Length,
            Decode(wire, coding));
    }

    private static string Decode(byte[] wire, string? coding)
    {
        using var input = new MemoryStream(wire);
        using Stream decoded = coding switch
        {
            null => input,
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            _ => throw new AssertFailedException($"Unexpected Content-Encoding {coding}"),
        };
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
