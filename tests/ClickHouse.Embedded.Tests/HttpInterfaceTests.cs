using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// The HTTP interface spoken directly (https://clickhouse.com/docs/interfaces/http): /ping, the headers a server sends,
/// query in the URL and/or the body, default_format and FORMAT, param_ values, settings, errors.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HttpInterfaceTests
{
    [Fact(Timeout = 60_000)]
    public async Task Ping_AnswersOk()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();

        Assert.Equal("Ok.\n", await http.GetStringAsync("ping"));
        Assert.Equal("Ok.\n", await http.GetStringAsync(""));
    }

    [Fact(Timeout = 60_000)]
    public async Task UnknownPath_Is404WithoutAnExceptionCode()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();

        using var response = await http.GetAsync("no/such/handler");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Header(response, "X-ClickHouse-Exception-Code"));
        Assert.StartsWith("There is no handle /no/such/handler", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task InsertSelect_LargerThanTheInsertHead_RunsAsOneStatement()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        await InsertFormatsTests.ExecuteAsync(http, database, "CREATE TABLE t (s String) ENGINE = MergeTree ORDER BY s");
        var padding = new string('x', 3 << 20);

        // ClickHouse's parser limit (max_query_size, 256 KiB by default) is a setting like any other.
        using var response = await http.PostAsync(
            $"?database={database.Name}&max_query_size=16000000", Sql($"INSERT INTO t SELECT length('{padding}') FORMAT TabSeparated"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal($"{padding.Length}\n", await InsertFormatsTests.QueryAsync(http, database, "SELECT s FROM t"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Response_CarriesTheServerHeaders()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();

        using var response = await http.GetAsync("?query=SELECT%20number%20FROM%20numbers(3)&query_id=my-query-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("my-query-1", Header(response, "X-ClickHouse-Query-Id"));
        Assert.Equal("TabSeparated", Header(response, "X-ClickHouse-Format"));
        Assert.False(string.IsNullOrEmpty(Header(response, "X-ClickHouse-Timezone")));
        using var summary = JsonDocument.Parse(Header(response, "X-ClickHouse-Summary"));
        Assert.Equal("3", summary.RootElement.GetProperty("result_rows").GetString());
        Assert.Equal("0\n1\n2\n", await response.Content.ReadAsStringAsync());

        using var generated = await http.GetAsync("?query=SELECT%201");
        Assert.True(Guid.TryParse(Header(generated, "X-ClickHouse-Query-Id"), out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task DefaultFormatAndFormatClause_ChooseTheOutput()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();

        using var byParameter = await http.PostAsync("?default_format=JSONEachRow", Sql("SELECT 1 AS x"));
        Assert.Equal("{\"x\":1}\n", await byParameter.Content.ReadAsStringAsync());
        Assert.Equal("JSONEachRow", Header(byParameter, "X-ClickHouse-Format"));

        using var byClause = await http.PostAsync("?default_format=JSONEachRow", Sql("SELECT 1 AS x, 'a' AS y FORMAT CSV"));
        Assert.Equal("1,\"a\"\n", await byClause.Content.ReadAsStringAsync());
        Assert.Equal("CSV", Header(byClause, "X-ClickHouse-Format"));
    }

    [Fact(Timeout = 60_000)]
    public async Task QueryParameterAndBody_AreOneQuery()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();

        // HTTPHandler: the query parameter is the beginning of the query, the body its continuation.
        using var response = await http.PostAsync("?query=SELECT", Sql("1 + 1"));

        Assert.Equal("2\n", await response.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task ParamValues_AreBoundToTypedPlaceholders()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        var hostile = Uri.EscapeDataString("x' UNION SELECT name FROM system.tables --");

        using var response = await http.PostAsync(
            $"?param_id=41&param_s={hostile}", Sql("SELECT {id:UInt64} + 1, {s:String}, toTypeName({id:UInt64})"));

        Assert.Equal("42\tx\\' UNION SELECT name FROM system.tables --\tUInt64\n", await response.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task DatabaseParameter_SelectsTheDatabasePerRequest()
    {
        var first = await TestDatabase.CreateAsync();
        var second = await TestDatabase.CreateAsync();
        using var http = first.CreateHttpClient();

        foreach (var name in new[] { first.Name, second.Name, first.Name })
        {
            using var response = await http.GetAsync($"?database={name}&query=SELECT%20currentDatabase()");
            Assert.Equal(name + "\n", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Settings_ApplyToTheirRequestOnly()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        const string Query = "SELECT getSetting('max_block_size')";

        using var defaults = await http.PostAsync("", Sql(Query));
        var defaultValue = await defaults.Content.ReadAsStringAsync();
        using var changed = await http.PostAsync("?max_block_size=1234", Sql(Query));
        Assert.Equal("1234\n", await changed.Content.ReadAsStringAsync());
        using var after = await http.PostAsync("", Sql(Query));
        Assert.Equal(defaultValue, await after.Content.ReadAsStringAsync());

        using var unknown = await http.PostAsync("?no_such_setting=1", Sql("SELECT 1"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("115", Header(unknown, "X-ClickHouse-Exception-Code"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("SELEC 1", HttpStatusCode.BadRequest, 62)]
    [InlineData("SELECT * FROM no_such_table", HttpStatusCode.NotFound, 60)]
    [InlineData("SELECT no_such_column", HttpStatusCode.NotFound, 47)]
    [InlineData("SELECT throwIf(1)", HttpStatusCode.InternalServerError, 395)]
    [InlineData("SELECT 1; SELECT 2", HttpStatusCode.BadRequest, 62)]
    public async Task Errors_LookLikeTheServers(string sql, HttpStatusCode status, int code)
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();

        using var response = await http.PostAsync("", Sql(sql));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "X-ClickHouse-Exception-Code"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith($"Code: {code}. DB::Exception: ", body, StringComparison.Ordinal);
        Assert.Matches(@"\(version \d+\.\d+[^)]*\)\n$", body);
    }

    [Fact(Timeout = 60_000)]
    public async Task UseStatement_DoesNotLeakIntoTheNextRequest()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();

        using var use = await http.PostAsync("", Sql("USE system"));
        Assert.Equal(HttpStatusCode.OK, use.StatusCode);
        using var next = await http.PostAsync("", Sql("SELECT currentDatabase()"));

        Assert.Equal("default\n", await next.Content.ReadAsStringAsync());
    }

    internal static StringContent Sql(string sql) => new(sql, Encoding.UTF8, "text/sql");

    internal static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;
}
