using NBitcoin;

namespace Explorer.BlockFiles.Tests;

/// <summary>
/// The reader on damaged or older folders: no xor.dat (Core before 28), a corrupted record (resynchronises on the next
/// magic, as Core's LoadExternalBlockFile in src/validation.cpp does), a record cut short by a crash, bad undo data.
/// Format: https://github.com/bitcoin/bitcoin/blob/master/src/node/blockstorage.cpp
/// </summary>
[Trait("Category", "Unit")]
public class ReaderRobustnessTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "blockfiles-robust-" + Guid.NewGuid().ToString("N"));

    public ReaderRobustnessTests()
    {
        Directory.CreateDirectory(_dir);
        foreach (var file in Directory.GetFiles(TestData.CoreRegtestBlocks))
        {
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        Directory.Delete(_dir, true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void WithoutXorDat_ReadsAnUnobfuscatedFolder()
    {
        var plain = Path.Combine(_dir, "plain");
        using (var core = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest))
        using (var writer = new BlocksFolderWriter(plain, NetworkMagic.RegTest, new byte[8]))
        {
            foreach (var block in core.Blocks)
            {
                var pos = writer.WriteBlock(core.ReadBlock(block));
                if (core.TryReadUndo(block, out var undo, out _))
                {
                    writer.WriteUndo(pos.File, block.PreviousHash, undo);
                }
            }
        }

        File.Delete(Path.Combine(plain, Obfuscation.FileName));
        using var reader = BlocksFolderReader.Open(plain, NetworkMagic.RegTest);
        Assert.True(reader.Obfuscation.IsIdentity);
        Assert.Equal(120, reader.Blocks.Count);
        Assert.Equal(118, reader.ReadActiveChain().Count());
        // The first bytes on disk are the plain regtest magic.
        Assert.Equal([0xfa, 0xbf, 0xb5, 0xda], File.ReadAllBytes(Path.Combine(plain, "blk00000.dat"))[..4]);
    }

    [Fact]
    public void CorruptedMagic_SkipsThatRecordAndResynchronises()
    {
        BlockRecord victim;
        using (var reader = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest))
        {
            victim = reader.Blocks[50];
        }

        Patch("blk00000.dat", victim.DataOffset - 8, b => (byte)(b ^ 0x55));
        using var damaged = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest);
        Assert.Equal(119, damaged.Blocks.Count);
        Assert.DoesNotContain(damaged.Blocks, b => b.Hash == victim.Hash);
        // Without block 50 the chain stops at 49; the blocks after it cannot be linked to genesis.
        Assert.Equal(50, damaged.Chain.ActiveChain.Length);
        Assert.NotEmpty(damaged.Chain.Orphans);
    }

    [Fact]
    public void RecordCutShort_EndsTheFileThere()
    {
        long cut;
        using (var reader = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest))
        {
            var last = reader.Blocks[^1];
            cut = last.DataOffset + (last.Size / 2);
        }

        using (var stream = new FileStream(Path.Combine(_dir, "blk00000.dat"), FileMode.Open))
        {
            stream.SetLength(cut);
        }

        using var damaged = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest);
        Assert.Equal(119, damaged.Blocks.Count);
    }

    [Fact]
    public void CorruptedUndoData_FailsTheChecksum_SoTheBlockHasNoUndo()
    {
        UndoRecord record;
        BlockRecord owner;
        using (var reader = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest))
        {
            owner = reader.Chain.ActiveChain[10];
            Assert.True(reader.TryReadUndo(owner, out _, out var r));
            record = r!;
        }

        Patch("rev00000.dat", record.DataOffset + 1, b => (byte)(b ^ 0x01));
        using var damaged = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest);
        Assert.False(damaged.TryReadUndo(damaged.Chain.ActiveChain[10], out _, out _));
        Assert.True(damaged.TryReadUndo(damaged.Chain.ActiveChain[11], out _, out _));
        Assert.Throws<InvalidDataException>(() => damaged.ReadActiveChain().ToList());
        // A running node's folder: stop before the first block the node has not connected.
        Assert.Equal(10, damaged.ReadActiveChain(stopAtMissingUndo: true).Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("0101")]
    [InlineData("010102")]
    [InlineData("0000ff")]
    public void UndoParser_RejectsMalformedData(string hex)
    {
        Assert.False(UndoSerializer.TryParse(Convert.FromHexString(hex), out _, out var error));
        Assert.NotEmpty(error);
    }

    private void Patch(string name, long offset, Func<byte, byte> change)
    {
        using var stream = new FileStream(Path.Combine(_dir, name), FileMode.Open);
        stream.Position = offset;
        var b = (byte)stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte(change(b));
    }
}
