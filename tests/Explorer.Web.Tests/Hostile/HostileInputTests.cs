using System.Net;
using System.Text.Json;
using Explorer.Web.Tests.Indexed;

namespace Explorer.Web.Tests.Hostile;

/// <summary>
/// Issue 10: hostile values in every route and query parameter of the indexed API and pages (SQL-looking strings,
/// ClickHouse parameter syntax, markup, path tricks with encoded slashes and dot segments, ids of 10,000 characters,
/// negative and overflowing page sizes and cursors), over the Core regtest chain indexed by the indexer. Every answer
/// is a 2xx/4xx with the API's JSON error shape (never a 5xx), a page never echoes markup unencoded, and the store
/// is unchanged afterwards (same row counts in every table).
/// </summary>
[Trait("Category", "Integration")]
public sealed class HostileInputTests(IndexedWebFactory factory) : IClassFixture<IndexedWebFactory>
{
    private const string OaAsset = "AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ";
    private const string Address = "mw6AbvfUSf39NXGQ34eJhUW4vjgjfZivQU"; // address A of the fixture's expected.json

    /// <summary>Values for path segments and query strings (escaped when put into a URL).</summary>
    public static readonly TheoryData<string> Values = new()
    {
        "' OR '1'='1",
        "1); DROP TABLE blocks; --",
        "x' UNION SELECT name FROM system.tables --",
        "{p:String}",
        "@limit",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "../../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "%00",
        "\u0001\u001f\u007f", // (no NUL: the in-memory test client refuses to send one in a path)
        "😀\u202e",
        new string('a', 10_000),
        new string('0', 64) + "' --",
        "-1",
        "99999999999999999999999",
        "-9223372036854775809",
        "PARENT.@longname",                 // a valid subasset longname that looks like a parameter
        "basset.x!' OR name != '",          // a longname's shape up to the quote
        "PARENT.{longname:String}",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Hostile_values_in_every_api_parameter_get_4xx_json_or_an_empty_page_and_leave_the_store_as_it_was(string value)
    {
        var before = await CountsAsync();
        var v = Uri.EscapeDataString(value);
        var urls = new[]
        {
            $"/api/v1/tx/{v}",
            $"/api/v1/blocks/{v}",
            $"/api/v1/blocks?limit={v}",
            $"/api/v1/blocks?before={v}",
            $"/api/v1/assets/{v}/{v}",
            $"/api/v1/assets/openassets/{v}",
            $"/api/v1/assets/openassets/{v}/transfers",
            $"/api/v1/assets/openassets/{OaAsset}/transfers?cursor={v}",
            $"/api/v1/assets/openassets/{OaAsset}/transfers?limit={v}",
            $"/api/v1/assets/openassets/{OaAsset}/transfers?format={v}",
            $"/api/v1/assets/openassets/{OaAsset}/transfers?kind={v}&format=csv",
            $"/api/v1/assets/openassets/{OaAsset}/holders?cursor={v}&limit={v}",
            $"/api/v1/addresses/{v}",
            $"/api/v1/addresses/{v}?cursor={v}&limit={v}",
            $"/api/v1/addresses/{v}/balances?cursor={v}&limit={v}&format={v}",
            $"/api/v1/addresses/{v}/history?cursor={v}&format={v}",
            $"/api/v1/addresses/{Address}/balances?cursor={v}",
            $"/api/v1/blocks/{v}/transactions?cursor={v}&format={v}",
            $"/api/v1/addresses/{Address}/counterparty-messages?cursor={v}&format=csv",
            $"/api/v1/addresses/{Address}/counterparty-ledger?cursor={v}&limit={v}",
            $"/api/v1/blocks/115/transactions?cursor={v}&limit={v}",
            $"/api/v1/addresses/{Address}/balances?format=csv&limit={v}",
            $"/api/v1/addresses/{Address}/history?format=csv&cursor={v}",
            $"/api/v1/search?q={v}",
        };
        using var client = factory.CreateClient();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status is >= 200 and < 500 and not 429, $"{url[..Math.Min(url.Length, 120)]} answered {status}: {Short(body)}");
            if (status >= 400 && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                using var json = JsonDocument.Parse(body);
                Assert.True(json.RootElement.TryGetProperty("error", out _), $"{Short(url)}: 4xx without an error field: {Short(body)}");
            }
            Assert.DoesNotContain("root:x:0:0", body, StringComparison.Ordinal);
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Hostile_values_in_every_page_route_never_fail_and_never_echo_markup(string value)
    {
        var v = Uri.EscapeDataString(value);
        using var client = factory.CreateClient();
        foreach (var url in new[] { $"/tx/{v}", $"/block/{v}", $"/asset/{v}/{v}", $"/asset/openassets/{v}", $"/address/{v}", $"/search?q={v}", $"/address/{Address}?balances={v}", $"/block/115?txs={v}", $"/address/{Address}?messages={v}&ledger={v}" })
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is >= 200 and < 500 and not 429, $"{Short(url)} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x onerror=alert(1)>", body, StringComparison.Ordinal);
            Assert.DoesNotContain("root:x:0:0", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/tx/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/v1/tx/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/v1/tx/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/api/v1/blocks/1%2F..%2F..%2Fsecrets")]
    [InlineData("/_content/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/app.css%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("//etc/passwd")]
    public async Task Encoded_slashes_and_dot_segments_reach_no_file(string path)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://localhost" + path, UriKind.Absolute));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 200 and < 500, $"{path} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("root:x:0:0", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionString", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/blocks?limit=1000000000")]
    [InlineData("/api/v1/assets/openassets/" + OaAsset + "/holders?limit=2147483647")]
    [InlineData("/api/v1/assets/openassets/" + OaAsset + "/transfers?limit=2147483647&format=csv")]
    public async Task Huge_page_sizes_are_refused_or_capped(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            using var json = JsonDocument.Parse(body);
            foreach (var property in json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
                Assert.True(property.Value.GetArrayLength() <= 1000, $"{url}: {property.Name} has {property.Value.GetArrayLength()} items");
        }
    }

    private async Task<string> CountsAsync()
    {
        await using var connection = factory.Store.Connect();
        await connection.OpenAsync();
        // Rows as readers see them (FINAL): system.tables' total_rows also drops when a background merge folds the
        // versions of a ReplacingMergeTree together (indexer_progress went from 5 to 1 during one run).
        var tablesAndEngines = await Dapper.SqlMapper.QueryAsync<(string Name, string Engine)>(connection,
            "SELECT name AS Name, engine AS Engine FROM system.tables WHERE database = currentDatabase() AND engine LIKE '%MergeTree' ORDER BY name");
        var counts = new List<string>();
        foreach (var (name, engine) in tablesAndEngines)
        {
            var final = engine == "MergeTree" ? string.Empty : " FINAL"; // a plain MergeTree has no versions to fold
            counts.Add($"{name}={await Dapper.SqlMapper.ExecuteScalarAsync<ulong>(connection, $"SELECT count() FROM `{name}`{final}")}");
        }
        var tables = string.Join(",", counts);
        Assert.Contains("blocks=", tables, StringComparison.Ordinal);
        return tables;
    }

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
