using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Cli;
using Explorer.Indexer.Tests.Support;

namespace Explorer.Indexer.Tests;

/// <summary>The <c>index</c> verb end to end in-process: host composition (AddIndexer, migrations at start), exit 0 at
/// the tip, and the store equal to the forge's truth; refusals exit 2.</summary>
[Trait("Category", "Integration")]
public sealed class IndexCommandTests(ForgedChains chains) : IClassFixture<ForgedChains>
{
    [Fact(Timeout = 300_000)]
    public async Task Index_verb_indexes_a_blocks_folder_and_exits_zero_at_the_tip()
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        var database = "idx_cli_" + Guid.NewGuid().ToString("N")[..10];

        var exit = await CommandLine.RunAsync(
            ["index", "--blocks-dir", chains.Demo.BlocksDirectory, "--network", "regtest", "--clickhouse", server.Uri.ToString(), "--database", database]);

        Assert.Equal(0, exit);
        await using var harness = IndexerHarness.Attach(database, server.GetConnectionString(database));
        await Truth.AssertOpenAssetsEqualAsync(harness, chains.Demo.Truth);
        Assert.Equal(200, (await harness.Store.ReadProgressAsync(CancellationToken.None))!.Value.Height);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("index", "--rpc", "ftp://127.0.0.1:18443")]
    [InlineData("index", "--rpc", "http://127.0.0.1:18443", "--zmq", "udp://127.0.0.1:28332")]
    [InlineData("index", "--rpc", "http://127.0.0.1:18443", "--rpc-cookie", "/no/such/.cookie")]
    [InlineData("index", "--blocks-dir", "/no/such/folder")]
    [InlineData("index", "--blocks-dir", ".", "--network", "litecoin")]
    [InlineData("index", "--blocks-dir", ".", "--network", "regtest", "--start-colu", "-1")]
    [InlineData("index", "--blocks-dir", ".", "--network", "regtest", "--metrics-port", "70000")]
    public async Task Refusals_exit_with_2(params string[] args) => Assert.Equal(2, await CommandLine.RunAsync(args));
}
