using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The raw-byte block scanner against NBitcoin's parse of the same blocks: a real mainnet block (413567, 1,557
/// transactions; tests/Protocols.Tests/data/counterparty/block413567.raw, from ../shared/fixtures/mainnet) and the
/// Bitcoin Core 29 regtest fixture (segwit transactions, written by a real node). Same transactions, same txids, same
/// outpoints, same carrier verdicts; malformed bytes give false with a reason, never an exception.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RawBlockScannerTests
{
    private static string Data => Path.Combine(AppContext.BaseDirectory, "data");

    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string> { "mainnet-413567" };
        using var reader = BlocksFolderReader.Open(Path.Combine(Data, "core-regtest", "blocks"), NetworkMagic.RegTest);
        foreach (var record in reader.Blocks) data.Add("regtest-" + record.Hash);
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Agrees_with_NBitcoin_on_every_transaction(string name)
    {
        var (bytes, network) = Load(name);
        var block = Block.Load(bytes, network);

        Assert.True(RawBlockScanner.TryScan(bytes, out var layout, out var error), error);
        Assert.Equal(block.Transactions.Count, layout.Transactions.Length);
        var inputs = 0;
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            var raw = layout.Transactions[i];
            Assert.Equal(tx.ToBytes(), bytes.AsSpan(raw.Start, raw.Length).ToArray());
            Assert.Equal(tx.HasWitness, raw.HasWitness);
            Assert.Equal(tx.GetHash(), RawBlockScanner.Txid(bytes, raw));
            Assert.Equal(tx.Inputs.Count, raw.InputCount);
            Assert.Equal(inputs, raw.FirstInput);
            for (var j = 0; j < tx.Inputs.Count; j++)
            {
                var at = layout.PrevoutOffsets[raw.FirstInput + j];
                Assert.Equal(tx.Inputs[j].PrevOut.Hash, new uint256(bytes.AsSpan(at, 32)));
                Assert.Equal(tx.Inputs[j].PrevOut.N, BitConverter.ToUInt32(bytes, at + 32));
            }
            inputs += tx.Inputs.Count;
            Assert.Equal(CarrierPrefilter.HasCarrier(tx), layout.Carriers[i]);
        }
        Assert.Equal(inputs, layout.PrevoutOffsets.Length);
        // Every P2TR output key paid outside the coinbase (BIP 341: OP_1 <32-byte key>), in block order.
        var expectedKeys = block.Transactions.Skip(1)
            .SelectMany((tx, i) => tx.Outputs.Select(o => o.ScriptPubKey.ToBytes())
                .Where(s => s.Length == 34 && s[0] == 0x51 && s[1] == 0x20).Select(s => (i + 1, Convert.ToHexString(s, 2, 32))));
        Assert.Equal(expectedKeys, layout.TaprootKeys.Select(k => (k.Tx, Convert.ToHexString(bytes, k.KeyOffset, 32))));
    }

    [Fact]
    public void Mainnet_block_flags_its_three_counterparty_transactions()
    {
        var (bytes, _) = Load("mainnet-413567");
        Assert.True(RawBlockScanner.TryScan(bytes, out var layout, out _));
        Assert.Equal(1557, layout.Transactions.Length);
        // Flagged: the 3 Counterparty transactions (bare multisig / OP_RETURN), plus the block's other OP_RETURN and
        // bare multisig outputs; far fewer than all.
        var flagged = layout.Carriers.Count(c => c);
        Assert.InRange(flagged, 3, 100);
    }

    [Fact]
    public void Malformed_blocks_are_refused_with_a_reason()
    {
        var (bytes, _) = Load("mainnet-413567");
        // Every truncation of the block's first transactions, and the whole block cut at random places.
        var random = new Random(7);
        var cuts = Enumerable.Range(0, 2000).Concat(Enumerable.Range(0, 200).Select(_ => random.Next(bytes.Length)));
        foreach (var cut in cuts)
        {
            Assert.False(RawBlockScanner.TryScan(bytes.AsSpan(0, cut), out _, out var error));
            Assert.NotEmpty(error);
        }
        // Trailing bytes and an absurd transaction count.
        Assert.False(RawBlockScanner.TryScan([.. bytes, 0], out _, out var trailing));
        Assert.Contains("after the last transaction", trailing, StringComparison.Ordinal);
        var absurd = bytes.AsSpan(0, 90).ToArray();
        absurd[80] = 0xff;
        Assert.False(RawBlockScanner.TryScan(absurd, out _, out _));
        // Random byte flips: a verdict either way, never an exception.
        for (var k = 0; k < 300; k++)
        {
            var copy = (byte[])bytes.Clone();
            copy[80 + random.Next(copy.Length - 80)] ^= (byte)random.Next(1, 256);
            RawBlockScanner.TryScan(copy, out _, out _);
        }
    }

    private static (byte[] Bytes, Network Network) Load(string name)
    {
        if (name == "mainnet-413567") return (File.ReadAllBytes(Path.Combine(Data, "block413567.raw")), Network.Main);
        using var reader = BlocksFolderReader.Open(Path.Combine(Data, "core-regtest", "blocks"), NetworkMagic.RegTest);
        var record = reader.Blocks.First(b => "regtest-" + b.Hash == name);
        return (reader.ReadBlock(record), Network.RegTest);
    }
}
