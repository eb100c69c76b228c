using System.Diagnostics;
using System.Text.Json;
using Explorer.BlockFiles;
using Xunit.Abstractions;

namespace Explorer.ChainForge.Tests;

/// <summary>
/// Forges chains and validates them independently (ChainValidator), read back through the blocks-folder reader.
/// Issue 6 "Done when": every block parses, PoW, merkle roots, witness commitments and signatures verify; the folder
/// reads back block for block through the obfuscation; demo builds in under a minute.
/// </summary>
[Trait("Category", "Unit")]
public class ForgedChainTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "forge-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Demo_IsValid_AndReadsBackBlockForBlock()
    {
        var watch = Stopwatch.StartNew();
        var result = ScenarioRunner.Run(ScenarioSettings.Preset("demo") with { Seed = 7 }, _dir);
        output.WriteLine($"demo: {result.Blocks} blocks, {result.Transactions} transactions, {result.Bytes} bytes in {watch.Elapsed.TotalSeconds:F1} s");

        using var reader = BlocksFolderReader.Open(Path.Combine(_dir, "blocks"), NetworkMagic.RegTest);
        Assert.False(reader.Obfuscation.IsIdentity);
        Assert.Equal(301, reader.Chain.ActiveChain.Length);
        Assert.Empty(reader.Chain.Stale);
        var report = ChainValidator.ValidateActiveChain(reader);
        output.WriteLine($"validated {report.Blocks} blocks, {report.Transactions} transactions, {report.Inputs} inputs");
        Assert.True(report.Transactions > 1000);
        Assert.Equal(report.Transactions + report.Blocks, result.Transactions); // the validator counts all but the coinbases

        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "truth.json")));
        var blocks = truth.RootElement.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(reader.Chain.ActiveChain.Select(r => r.Hash.ToString()), blocks.Select(b => b.GetProperty("hash").GetString()));
        var kinds = blocks.SelectMany(b => b.GetProperty("events").EnumerateArray()).Select(e => e.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "issuance", "transfer", "invalid", "destroyed" }, kinds);
    }

    [Fact]
    public void SameSeed_GivesIdenticalFiles_OtherSeedDiffers()
    {
        var settings = ScenarioSettings.Preset("demo") with { Blocks = 115, Seed = 3 };
        ScenarioRunner.Run(settings, Path.Combine(_dir, "a"));
        ScenarioRunner.Run(settings, Path.Combine(_dir, "b"));
        ScenarioRunner.Run(settings with { Seed = 4 }, Path.Combine(_dir, "c"));
        foreach (var name in new[] { "blocks/blk00000.dat", "blocks/rev00000.dat", "blocks/xor.dat", "truth.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "a", name)), File.ReadAllBytes(Path.Combine(_dir, "b", name)));
        }

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_dir, "a", "truth.json")), File.ReadAllBytes(Path.Combine(_dir, "c", "truth.json")));
    }

    [Fact]
    public void Reorg_StoresStaleBranchesInArrivalOrder_AndReaderFollowsTheWinner()
    {
        var settings = ScenarioSettings.Preset("reorg") with { Blocks = 110, ReorgDepths = [1, 3, 12] };
        var result = ScenarioRunner.Run(settings, _dir);
        Assert.Equal(1 + 3 + 12, result.StaleBlocks);

        using var reader = BlocksFolderReader.Open(Path.Combine(_dir, "blocks"), NetworkMagic.RegTest);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "truth.json")));
        var staleHashes = truth.RootElement.GetProperty("stale").EnumerateArray().Select(b => b.GetProperty("hash").GetString()!).ToHashSet();
        Assert.Equal(staleHashes, reader.Chain.Stale.Select(r => r.Hash.ToString()).ToHashSet());
        Assert.Equal(truth.RootElement.GetProperty("tip").GetProperty("hash").GetString(), reader.Chain.Tip!.Hash.ToString());
        // Every stale block has undo data too (it was connected before the reorg).
        Assert.All(reader.Chain.Stale, r => Assert.True(reader.TryReadUndo(r, out _, out _)));
        // Arrival order: each stale branch precedes the blocks that replaced it.
        var order = reader.Blocks.Select(b => b.Hash.ToString()).ToList();
        foreach (var stale in reader.Chain.Stale)
        {
            var height = reader.Chain.HeightOf(stale.Hash);
            Assert.True(order.IndexOf(stale.Hash.ToString()) < order.IndexOf(reader.Chain.ActiveChain[height].Hash.ToString()));
        }

        ChainValidator.ValidateActiveChain(reader);
    }

    [Fact]
    public void Reorg_AcrossManySmallFiles_UndoGoesToTheBlocksFileNumber()
    {
        var options = new BlocksFolderWriterOptions { MaxBlockFileSize = 48_000, BlockFileChunkSize = 16_384, UndoFileChunkSize = 4_096 };
        var settings = ScenarioSettings.Preset("reorg") with { Blocks = 110, ReorgDepths = [2, 20], Seed = 9 };
        var result = ScenarioRunner.Run(settings, _dir, writerOptions: options);
        using var reader = BlocksFolderReader.Open(Path.Combine(_dir, "blocks"), NetworkMagic.RegTest);
        var files = FlatFileLayout.BlockFileNumbers(Path.Combine(_dir, "blocks"));
        Assert.True(files.Count >= 4, $"only {files.Count} files");
        Assert.Equal(22, reader.Chain.Stale.Length);
        Assert.Equal(result.Height, reader.Chain.ActiveChain.Length - 1);
        Assert.All(reader.Chain.Stale, r => Assert.True(reader.TryReadUndo(r, out _, out var u) && u!.File == r.File));
        ChainValidator.ValidateActiveChain(reader);
    }
}
