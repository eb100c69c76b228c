using NBitcoin;

namespace Explorer.BlockFiles.Tests;

/// <summary>
/// Undo data over its serialized form (<see cref="BlockUndo.FromSerialized"/>, what the reader hands out) against the
/// eager parse of the same rev records, on the folder a real Bitcoin Core 29.99 regtest node wrote
/// (data/core-regtest, obfuscated); malformed undo data refused with a reason; the vectorised XOR against byte-wise XOR.
/// Format: Bitcoin Core src/undo.h, src/compressor.h, src/streams.h.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LazyUndoTests : IDisposable
{
    private readonly BlocksFolderReader _reader = BlocksFolderReader.Open(TestData.CoreRegtestBlocks, NetworkMagic.RegTest);

    public void Dispose() => _reader.Dispose();

    [Fact]
    public void Every_undo_record_reads_the_same_lazily_as_eagerly()
    {
        var checkedInputs = 0;
        var records = _reader.UndoRecords(0);
        Assert.Equal(119, records.Count);
        var rev = File.ReadAllBytes(Path.Combine(TestData.CoreRegtestBlocks, FlatFileLayout.UndoFileName(0)));
        foreach (var record in records)
        {
            var payload = rev.AsSpan((int)record.DataOffset, record.Size).ToArray();
            _reader.Obfuscation.Apply(payload, record.DataOffset);
            Assert.True(UndoSerializer.TryParse(payload, out var eager, out var error), error);
            Assert.True(BlockUndo.TryFromSerialized(payload, out var lazy, out error), error);
            Assert.Equal(eager.Transactions.Length, lazy.TransactionCount);
            for (var t = 0; t < lazy.TransactionCount; t++)
            {
                var expected = eager.Transactions[t];
                var actual = lazy.ForTransaction(t + 1);
                Assert.Equal(expected.Length, actual.Length);
                for (var i = 0; i < expected.Length; i++, checkedInputs++)
                {
                    Assert.Equal(expected[i].Value, actual[i].Value);
                    Assert.Equal(expected[i].ScriptPubKey, actual[i].ScriptPubKey);
                    Assert.Equal(expected[i].Height, actual[i].Height);
                    Assert.Equal(expected[i].IsCoinbase, actual[i].IsCoinbase);
                }
            }
            Assert.Empty(lazy.ForTransaction(0)); // the coinbase spends nothing
            Assert.Equal(UndoSerializer.Serialize(eager), UndoSerializer.Serialize(lazy));
        }
        Assert.True(checkedInputs > 10, $"{checkedInputs} inputs checked");
    }

    [Fact]
    public void The_reader_hands_out_undo_equal_to_the_blocks_inputs()
    {
        // Every active block's undo has one spent output per input of each non-coinbase transaction.
        foreach (var chainBlock in _reader.ReadActiveChain().Skip(1))
        {
            var block = Block.Load(chainBlock.Block, Network.RegTest);
            Assert.Equal(block.Transactions.Count - 1, chainBlock.Undo!.TransactionCount);
            for (var t = 1; t < block.Transactions.Count; t++)
                Assert.Equal(block.Transactions[t].Inputs.Count, chainBlock.Undo.ForTransaction(t).Length);
        }
    }

    [Fact]
    public void Malformed_undo_data_is_refused_with_a_reason()
    {
        var record = _reader.UndoRecords(0).First(r => r.Size > 60);
        var rev = File.ReadAllBytes(Path.Combine(TestData.CoreRegtestBlocks, FlatFileLayout.UndoFileName(0)));
        var payload = rev.AsSpan((int)record.DataOffset, record.Size).ToArray();
        _reader.Obfuscation.Apply(payload, record.DataOffset);
        for (var cut = 0; cut < payload.Length; cut++)
        {
            Assert.False(BlockUndo.TryFromSerialized(payload.AsMemory(0, cut), out _, out var error));
            Assert.NotEmpty(error);
        }
        Assert.False(BlockUndo.TryFromSerialized(payload.Append((byte)0).ToArray(), out _, out var trailing));
        Assert.Contains("trailing", trailing, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => BlockUndo.FromSerialized(new byte[] { 0xfd, 0xff, 0xff }));
        // Random bytes: a verdict either way, never an exception.
        var random = new Random(9);
        for (var k = 0; k < 2000; k++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            UndoSerializer.TryIndex(bytes, out _, out _);
        }
    }

    [Fact]
    public void Vectorised_xor_equals_bytewise_xor_at_every_offset_and_length()
    {
        var key = new byte[] { 0x46, 0xd0, 0x86, 0x82, 0x40, 0x97, 0xe4, 0xa3 };
        var obfuscation = new Obfuscation(key);
        var random = new Random(3);
        foreach (var length in new[] { 0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 4099 })
        {
            for (var offset = 0L; offset < 17; offset++)
            {
                // Far into a file as well as at its start: the key is rotated by the file position mod 8.
                foreach (var fileOffset in new[] { offset, offset + 1_000_000_000_003 })
                {
                    var data = new byte[length];
                    random.NextBytes(data);
                    var expected = data.Select((b, i) => (byte)(b ^ key[(fileOffset + i) % 8])).ToArray();
                    obfuscation.Apply(data, fileOffset);
                    Assert.Equal(expected, data);
                }
            }
        }
    }
}
