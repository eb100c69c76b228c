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

    [Fact(Timeout = 300_000)]
    public async Task No_merkle_check_indexes_past_a_block_whose_transactions_no_longer_match_its_merkle_root()
    {
        // A copy of the demo chain whose block 120 still parses but no longer matches its header's merkle root: the last
        // transaction's lock time changed (the folder's XOR obfuscation is positional, so flipping a stored bit flips the
        // same bit of the block). By default the verb stops below it and exits 1 (docs/security.md); with
        // --no-merkle-check it trusts the folder, as Core trusts its own blk files when it reads them back, and goes on.
        var copy = Path.Combine(Path.GetTempPath(), "idx-nomerkle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            foreach (var file in Directory.GetFiles(chains.Demo.BlocksDirectory))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            using (var reader = Explorer.BlockFiles.BlocksFolderReader.Open(copy, Explorer.BlockFiles.NetworkMagic.RegTest))
            {
                var record = reader.Chain.ActiveChain[120];
                using var stream = new FileStream(Path.Combine(copy, "blk00000.dat"), FileMode.Open, FileAccess.ReadWrite);
                stream.Position = record.DataOffset + record.Size - 1;
                var last = (byte)stream.ReadByte();
                stream.Position--;
                stream.WriteByte((byte)(last ^ 0x01));
            }
            var server = await SharedEmbeddedClickHouse.GetAsync();
            async Task<(int Exit, int? Height)> IndexAsync(params string[] extra)
            {
                var database = "idx_nomerkle_" + Guid.NewGuid().ToString("N")[..10];
                var exit = await CommandLine.RunAsync(
                    ["index", "--blocks-dir", copy, "--network", "regtest", "--clickhouse", server.Uri.ToString(), "--database", database, .. extra]);
                await using var harness = IndexerHarness.Attach(database, server.GetConnectionString(database));
                return (exit, (await harness.Store.ReadProgressAsync(CancellationToken.None))?.Height);
            }

            Assert.Equal((1, 119), await IndexAsync());
            Assert.Equal((0, 200), await IndexAsync("--no-merkle-check"));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
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
