using NBitcoin;

namespace Explorer.BlockFiles.Tests;

/// <summary>
/// The writer against Bitcoin Core's own files: replaying the Core 29.99 regtest folder (data/core-regtest) through
/// the writer, with Core's key and Core's record order, must give byte-identical blk/rev/xor.dat files.
/// Format: https://github.com/bitcoin/bitcoin/blob/master/src/node/blockstorage.cpp
/// </summary>
[Trait("Category", "Unit")]
public class BlocksFolderWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "blockfiles-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Replaying_CoreFolder_GivesByteIdenticalFiles()
    {
        using (var core = BlocksFolderReader.Open(TestData.CoreRegtestBlocks, NetworkMagic.RegTest))
        {
            // Core's undo order (connection order) as found in its rev file.
            var undoOwner = new Dictionary<long, BlockRecord>();
            foreach (var block in core.Blocks)
            {
                if (core.TryReadUndo(block, out _, out var undoRecord))
                {
                    undoOwner[undoRecord!.DataOffset] = block;
                }
            }

            using var writer = new BlocksFolderWriter(_dir, NetworkMagic.RegTest, core.Obfuscation.Key);
            foreach (var block in core.Blocks)
            {
                var pos = writer.WriteBlock(core.ReadBlock(block));
                Assert.Equal(new FlatFilePosition(block.File, block.DataOffset), pos);
            }

            foreach (var undoRecord in core.UndoRecords(0))
            {
                var owner = undoOwner[undoRecord.DataOffset];
                Assert.True(core.TryReadUndo(owner, out var undo, out _));
                var pos = writer.WriteUndo(owner.File, owner.PreviousHash, undo);
                Assert.Equal(undoRecord.DataOffset, pos.DataOffset);
            }
        }

        foreach (var name in new[] { "blk00000.dat", "rev00000.dat", "xor.dat" })
        {
            var expected = File.ReadAllBytes(Path.Combine(TestData.CoreRegtestBlocks, name));
            var actual = File.ReadAllBytes(Path.Combine(_dir, name));
            Assert.Equal(expected.Length, actual.Length);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} differs from Core's");
        }
    }

    [Fact]
    public void RollsFiles_AndReadsBack_BlockForBlock()
    {
        var options = new BlocksFolderWriterOptions { MaxBlockFileSize = 8_000, BlockFileChunkSize = 4_096, UndoFileChunkSize = 1_024 };
        byte[] key = [1, 2, 3, 4, 5, 6, 7, 8];
        using var core = BlocksFolderReader.Open(TestData.CoreRegtestBlocks, NetworkMagic.RegTest);
        var positions = new Dictionary<uint256, FlatFilePosition>();
        using (var writer = new BlocksFolderWriter(_dir, NetworkMagic.RegTest, key, options))
        {
            foreach (var block in core.Blocks)
            {
                positions[block.Hash] = writer.WriteBlock(core.ReadBlock(block));
                if (core.TryReadUndo(block, out var undo, out _))
                {
                    writer.WriteUndo(positions[block.Hash].File, block.PreviousHash, undo);
                }
            }

            Assert.True(writer.CurrentFile >= 3, $"only {writer.CurrentFile + 1} files");
        }

        using var forged = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest);
        Assert.Equal(key, forged.Obfuscation.Key.ToArray());
        Assert.Equal(core.Blocks.Select(b => b.Hash), forged.Blocks.Select(b => b.Hash));
        Assert.Equal(core.Chain.ActiveChain.Select(b => b.Hash), forged.Chain.ActiveChain.Select(b => b.Hash));
        Assert.Equal(core.Chain.Stale.Select(b => b.Hash), forged.Chain.Stale.Select(b => b.Hash));
        var files = FlatFileLayout.BlockFileNumbers(_dir);
        Assert.Equal(Enumerable.Range(0, files.Count), files);
        for (var f = 0; f < files.Count; f++)
        {
            var blk = new FileInfo(Path.Combine(_dir, FlatFileLayout.BlockFileName(f))).Length;
            Assert.True(blk < options.MaxBlockFileSize || f == files.Count - 1);
            // Finished files are truncated to their records; the last one keeps its zero-filled preallocation.
            Assert.Equal(f == files.Count - 1, blk % options.BlockFileChunkSize == 0);
        }

        foreach (var (original, copy) in core.ReadActiveChain().Zip(forged.ReadActiveChain()))
        {
            Assert.Equal(original.Block, copy.Block);
            Assert.Equal(positions[original.Record.Hash], new FlatFilePosition(copy.Record.File, copy.Record.DataOffset));
            Assert.Equal(original.Undo is null, copy.Undo is null);
            if (original.Undo is not null)
            {
                Assert.Equal(UndoSerializer.Serialize(original.Undo), UndoSerializer.Serialize(copy.Undo!));
            }
        }
    }

    [Fact]
    public void Refuses_AFolderThatAlreadyHoldsBlocks()
    {
        using (var writer = new BlocksFolderWriter(_dir, NetworkMagic.RegTest, new byte[8]))
        {
            writer.WriteBlock(Network.RegTest.GetGenesis().ToBytes());
        }

        Assert.Throws<IOException>(() => new BlocksFolderWriter(_dir, NetworkMagic.RegTest, new byte[8]));
    }
}
