using ClickHouse.Driver;
using Dapper;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// ClickHouse.Driver 1.5.0 and Dapper against the embedded host, unchanged (issue 2, "Done when").
/// HTTP interface: https://clickhouse.com/docs/interfaces/http
/// </summary>
[Trait("Category", "Integration")]
public sealed class DriverTests
{
    [Fact(Timeout = 60_000)]
    public async Task Ddl_CreatesAltersDescribesAndDropsTables()
    {
        var database = await TestDatabase.CreateAsync();
        using var client = database.CreateClient();

        await client.ExecuteNonQueryAsync("CREATE TABLE blocks (height UInt32, hash FixedString(32)) ENGINE = MergeTree ORDER BY height");
        await client.ExecuteNonQueryAsync("ALTER TABLE blocks ADD COLUMN tx_count UInt32 DEFAULT 0");
        await using var connection = database.CreateConnection();
        var columns = (await connection.QueryAsync<(string Name, string Type)>(
            "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = 'blocks' ORDER BY position")).ToList();
        Assert.Equal([("height", "UInt32"), ("hash", "FixedString(32)"), ("tx_count", "UInt32")], columns);

        await client.ExecuteNonQueryAsync("DROP TABLE blocks");
        var remaining = await connection.ExecuteScalarAsync<ulong>(
            "SELECT count() FROM system.tables WHERE database = currentDatabase()");
        Assert.Equal(0UL, remaining);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dapper_BindsTypedParameters()
    {
        var database = await TestDatabase.CreateAsync();
        await using var connection = database.CreateConnection();
        await connection.ExecuteAsync("CREATE TABLE assets (id UInt64, name String, amount UInt64, seen DateTime) ENGINE = MergeTree ORDER BY id");
        await connection.ExecuteAsync("INSERT INTO assets VALUES (1, 'gold', 150, '2024-01-02 03:04:05'), (2, 'silver', 2025, '2024-02-03 04:05:06'), (3, 'bronze', 30000, '2024-03-04 05:06:07')");

        var row = await connection.QuerySingleAsync<Asset>("SELECT id, name, amount, seen FROM assets WHERE id = @id", new { id = 2UL });
        Assert.Equal(new Asset(2, "silver", 2025, new DateTime(2024, 2, 3, 4, 5, 6)), row with { Seen = DateTime.SpecifyKind(row.Seen, DateTimeKind.Unspecified) });

        var names = await connection.QueryAsync<string>(
            "SELECT name FROM assets WHERE amount >= @min AND name != @excluded ORDER BY id", new { min = 150UL, excluded = "bronze" });
        Assert.Equal(["gold", "silver"], names);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dapper_InsertValuesWithParameters()
    {
        var database = await TestDatabase.CreateAsync();
        await using var connection = database.CreateConnection();
        await connection.ExecuteAsync("CREATE TABLE schema_migrations (version UInt32, name String, checksum String) ENGINE = MergeTree ORDER BY version");

        await connection.ExecuteAsync(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
            new { version = 1u, name = "001_init.sql", checksum = "ab'c\\d" });

        var row = await connection.QuerySingleAsync<(uint Version, string Name, string Checksum)>("SELECT version, name, checksum FROM schema_migrations");
        Assert.Equal((1u, "001_init.sql", "ab'c\\d"), row);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dapper_HostileStringIsBoundAsAValueNotSplicedIntoTheQuery()
    {
        var database = await TestDatabase.CreateAsync();
        await using var connection = database.CreateConnection();
        await connection.ExecuteAsync("CREATE TABLE users (name String) ENGINE = MergeTree ORDER BY name");
        await connection.ExecuteAsync("INSERT INTO users VALUES ('alice'), ('bob')");

        // Each of these would change the statement if it were concatenated into "WHERE name = '...'".
        string[] hostile =
        [
            "' OR '1'='1",
            "alice' OR 1=1 --",
            "x'); DROP TABLE users; --",
            "\\' OR 1=1 OR name = \\'",
            "{name:String}",
        ];
        foreach (var value in hostile)
        {
            var matches = await connection.QueryAsync<string>("SELECT name FROM users WHERE name = @value", new { value });
            Assert.Empty(matches);
            var echoed = await connection.ExecuteScalarAsync<string>("SELECT @value", new { value });
            Assert.Equal(value, echoed);
        }

        Assert.Equal(2UL, await connection.ExecuteScalarAsync<ulong>("SELECT count() FROM users"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("SELECT no_such_column", 47)] // UNKNOWN_IDENTIFIER
    [InlineData("SELEC 1", 62)] // SYNTAX_ERROR
    [InlineData("SELECT * FROM no_such_table", 60)] // UNKNOWN_TABLE
    [InlineData("SELECT no_such_function(1)", 46)] // UNKNOWN_FUNCTION
    [InlineData("SELECT throwIf(1)", 395)] // FUNCTION_THROW_IF_VALUE_IS_NON_ZERO
    public async Task BadQuery_RaisesServerExceptionWithTheServersCode(string sql, int expectedCode)
    {
        var database = await TestDatabase.CreateAsync();
        using var client = database.CreateClient();

        var exception = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync(sql));

        Assert.Equal(expectedCode, exception.ErrorCode);
        Assert.StartsWith($"Code: {expectedCode}. DB::Exception:", exception.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task UnknownDatabase_RaisesCode81()
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        using var client = new ClickHouseClient(server.GetConnectionString("no_such_database_" + Guid.NewGuid().ToString("N")));

        var exception = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync("SELECT 1"));

        Assert.Equal(81, exception.ErrorCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task SixteenConcurrentConnections_EachGetTheirOwnAnswer()
    {
        var database = await TestDatabase.CreateAsync();
        await using (var setup = database.CreateConnection())
        {
            await setup.ExecuteAsync("CREATE TABLE numbers_by_worker (worker UInt32, n UInt64) ENGINE = MergeTree ORDER BY (worker, n)");
        }

        var workers = Enumerable.Range(0, 16).Select(async worker =>
        {
            await using var connection = database.CreateConnection();
            for (var round = 0; round < 5; round++)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO numbers_by_worker SELECT @worker, number FROM numbers(@count)",
                    new { worker = (uint)worker, count = (ulong)((worker * 10) + round) });
                var echoed = await connection.ExecuteScalarAsync<ulong>(
                    "SELECT sum(number) FROM numbers(@limit)", new { limit = (ulong)(worker + round) });
                Assert.Equal(SumBelow((ulong)(worker + round)), echoed);
            }

            return await connection.ExecuteScalarAsync<ulong>(
                "SELECT count() FROM numbers_by_worker WHERE worker = @worker", new { worker = (uint)worker });
        }).ToList();

        var counts = await Task.WhenAll(workers);

        for (var worker = 0; worker < 16; worker++)
        {
            var expected = Enumerable.Range(0, 5).Sum(round => (worker * 10) + round);
            Assert.Equal((ulong)expected, counts[worker]);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task ExecuteReaderAsync_StreamsALargeResultIntact()
    {
        const int Rows = 300_000;
        var database = await TestDatabase.CreateAsync();
        using var client = database.CreateClient();

        using var reader = await client.ExecuteReaderAsync($"SELECT number, toString(number) AS text FROM numbers({Rows})");
        ulong count = 0, sum = 0;
        while (reader.Read())
        {
            var number = reader.GetFieldValue<ulong>(0);
            Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1));
            Assert.Equal(count, number);
            sum += number;
            count++;
        }

        Assert.Equal((ulong)Rows, count);
        Assert.Equal(SumBelow(Rows), sum);
    }

    [Fact(Timeout = 60_000)]
    public async Task JsonColumn_RoundTripsThroughTheDriversJsonSettings()
    {
        // ClickHouse.Driver sends JSON values as strings and asks for them back as strings through two URL settings
        // (input_format_binary_read_json_as_string, output_format_binary_write_json_as_string); the host must apply them.
        var database = await TestDatabase.CreateAsync();
        using var client = database.CreateClient();
        await client.ExecuteNonQueryAsync("CREATE TABLE docs (id UInt32, doc JSON) ENGINE = MergeTree ORDER BY id");

        await client.InsertBinaryAsync("docs", ["id", "doc"], [[1u, "{\"asset\":\"gold\",\"qty\":5}"], [2u, "{\"asset\":\"silver\"}"]]);

        await using var connection = database.CreateConnection();
        var assets = await connection.QueryAsync<string>("SELECT doc.asset::String FROM docs ORDER BY id");
        Assert.Equal(["gold", "silver"], assets);
        Assert.Equal(5L, await connection.ExecuteScalarAsync<long>("SELECT doc.qty::Int64 FROM docs WHERE id = 1"));
    }

    private static ulong SumBelow(ulong n) => n == 0 ? 0 : n * (n - 1) / 2;

    public sealed record Asset(ulong Id, string Name, ulong Amount, DateTime Seen);
}
