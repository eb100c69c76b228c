using System.Net;
using System.Text;
using static Explorer.ClickHouse.Embedded.Tests.HttpInterfaceTests;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// <c>INSERT ... FORMAT X</c> with the data in the body, sent with a raw HttpClient, for the formats the driver and the
/// indexer use (https://clickhouse.com/docs/interfaces/formats): TabSeparated, JSONEachRow, Values, and the binary
/// formats Native, RowBinary and RowBinaryWithNamesAndTypes (produced by the engine itself, then inserted back).
/// </summary>
[Trait("Category", "Integration")]
public sealed class InsertFormatsTests
{
    private static string Table(string name) => $"CREATE TABLE {name} (id UInt64, name String, tags Array(String), amount Nullable(Float64)) ENGINE = MergeTree ORDER BY id";

    private static string Checksum(string name) => $"SELECT count(), sum(cityHash64(id, name, tags, amount)) FROM {name}";

    [Fact(Timeout = 60_000)]
    public async Task TabSeparated_StatementInTheUrl_DataInTheBody()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        await ExecuteAsync(http, database, Table("t"));

        using var response = await http.PostAsync(
            $"?database={database.Name}&query=" + Uri.EscapeDataString("INSERT INTO t FORMAT TabSeparated"),
            new StringContent("1\tone\t['a','b']\t1.5\n2\ttab\\there\t[]\t\\N\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"written_rows\":\"2\"", Header(response, "X-ClickHouse-Summary"), StringComparison.Ordinal);
        Assert.Equal("1\tone\t['a','b']\t1.5\n2\ttab\\there\t[]\t\\N\n", await QueryAsync(http, database, "SELECT * FROM t ORDER BY id"));
    }

    [Fact(Timeout = 60_000)]
    public async Task JsonEachRow_StatementAndDataInTheBody()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        await ExecuteAsync(http, database, Table("t"));

        using var response = await http.PostAsync(
            $"?database={database.Name}",
            Sql("INSERT INTO t FORMAT JSONEachRow\n{\"id\":5,\"name\":\"five FORMAT Values\",\"tags\":[\"x\"],\"amount\":null}\n{\"id\":6,\"name\":\"six\",\"tags\":[],\"amount\":2}\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5\tfive FORMAT Values\t['x']\t\\N\n6\tsix\t[]\t2\n", await QueryAsync(http, database, "SELECT * FROM t ORDER BY id"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Values_AfterTheValuesKeyword()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        await ExecuteAsync(http, database, Table("t"));

        using var response = await http.PostAsync(
            $"?database={database.Name}", Sql("INSERT INTO t (id, name, tags) VALUES (7, 'seven, with (parens)', ['q']), (8, 'eight', [])"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("7\tseven, with (parens)\t['q']\t\\N\n8\teight\t[]\t\\N\n", await QueryAsync(http, database, "SELECT * FROM t ORDER BY id"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("Native")]
    [InlineData("RowBinary")]
    [InlineData("RowBinaryWithNamesAndTypes")]
    [InlineData("TabSeparatedWithNamesAndTypes")]
    public async Task BinaryFormats_RoundTripThroughTheEngine(string format)
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        await ExecuteAsync(http, database, Table("source"));
        await ExecuteAsync(http, database, Table("copy"));
        await ExecuteAsync(http, database,
            "INSERT INTO source SELECT number, concat('name ', toString(number), '\\n\\t'), arrayMap(x -> toString(x), range(number % 4)), if(number % 3 = 0, NULL, number / 7) FROM numbers(50000)");
        using var exported = await http.PostAsync($"?database={database.Name}", Sql($"SELECT * FROM source ORDER BY id FORMAT {format}"));
        var data = await exported.Content.ReadAsByteArrayAsync();

        var body = new MemoryStream();
        body.Write(Encoding.UTF8.GetBytes($"INSERT INTO copy FORMAT {format}\n"));
        body.Write(data);
        using var response = await http.PostAsync($"?database={database.Name}", new ByteArrayContent(body.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            await QueryAsync(http, database, Checksum("source")),
            await QueryAsync(http, database, Checksum("copy")));
        Assert.StartsWith("50000\t", await QueryAsync(http, database, Checksum("copy")), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task StatementArrivingByteByByte_IsStillSplitFromItsData()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        await ExecuteAsync(http, database, Table("t"));
        var text = "/* FORMAT CSV */ INSERT INTO t (id, name) -- VALUES\n FORMAT   CSV\r\n1,\"a\"\n2,\"b\"\n";

        using var response = await http.PostAsync($"?database={database.Name}", new TrickleContent(Encoding.UTF8.GetBytes(text), chunkSize: 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1\ta\n2\tb\n", await QueryAsync(http, database, "SELECT id, name FROM t ORDER BY id"));
    }

    [Fact(Timeout = 60_000)]
    public async Task MalformedData_IsReportedAsTheServerWould()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        await ExecuteAsync(http, database, Table("t"));

        using var response = await http.PostAsync($"?database={database.Name}", Sql("INSERT INTO t (id, name) FORMAT TabSeparated\n1\tok\nnot-a-number\tbad\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("27", Header(response, "X-ClickHouse-Exception-Code")); // CANNOT_PARSE_INPUT_ASSERTION_FAILED
        Assert.StartsWith("Code: 27. DB::Exception: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var missing = await http.PostAsync($"?database={database.Name}", Sql("INSERT INTO no_such_table FORMAT TabSeparated\n1\n"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("60", Header(missing, "X-ClickHouse-Exception-Code"));
    }

    internal static async Task ExecuteAsync(HttpClient http, TestDatabase database, string sql)
    {
        using var response = await http.PostAsync($"?database={database.Name}", Sql(sql));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
    }

    internal static async Task<string> QueryAsync(HttpClient http, TestDatabase database, string sql)
    {
        using var response = await http.PostAsync($"?database={database.Name}", Sql(sql));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    /// <summary>A chunked body written a few bytes at a time, flushed after each write.</summary>
    private sealed class TrickleContent(byte[] data, int chunkSize) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < data.Length; offset += chunkSize)
            {
                await stream.WriteAsync(data.AsMemory(offset, Math.Min(chunkSize, data.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
