using System.Text.Json;
using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The raw-byte prefilter on the Bitcoin Core regtest fixture (real transactions): it passes every transaction of
/// expected.json that carries data, and almost nothing else.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CarrierPrefilterTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "data", "core-regtest");

    [Fact]
    public void Flags_exactly_the_fixture_transactions_with_a_data_carrier()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture, "expected.json")));
        // Every expected transaction but the Open Assets one that spends colored units without a marker has a carrier.
        var carriers = expected.RootElement.GetProperty("transactions").EnumerateArray()
            .Where(t => !t.GetProperty("what").GetString()!.Contains("without a marker", StringComparison.Ordinal))
            .Where(t => !(t.TryGetProperty("mempool", out var m) && m.GetBoolean()))
            .Select(t => t.GetProperty("txid").GetString()!)
            .ToHashSet();
        using var reader = BlocksFolderReader.Open(Path.Combine(Fixture, "blocks"), NetworkMagic.RegTest);

        var flagged = new HashSet<string>();
        var total = 0;
        foreach (var block in reader.ReadActiveChain())
        {
            var parsed = BlockParser.Parse(block);
            var nbitcoin = Block.Load(block.Block, Network.RegTest);
            for (var i = 0; i < parsed.Carriers.Length; i++, total++)
            {
                // The raw-byte verdict equals the verdict on NBitcoin's parse of the same transaction.
                Assert.Equal(CarrierPrefilter.HasCarrier(nbitcoin.Transactions[i]), parsed.Carriers[i]);
                if (parsed.Carriers[i]) flagged.Add(parsed.Txid(i).ToString());
            }
        }

        Assert.Equal(7, carriers.Count);
        Assert.Equal(carriers.Order(), flagged.Order());
        Assert.True(total > 100);
    }

    [Fact]
    public void Finds_a_redeem_script_opening_with_data_and_op_drop()
    {
        // Counterparty's P2SH data encoding spends a redeem script "<data> OP_DROP <pubkey> OP_CHECKSIGVERIFY ..."
        // (counterparty-core lib/transaction_helper/p2sh_encoding.py); the scriptSig ends with a push of it.
        var data = Enumerable.Repeat((byte)0x75, 20).ToArray(); // OP_DROP bytes inside pushed data do not count
        var pubkey = new Key(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()).PubKey.ToBytes();
        var redeem = new Script(Op.GetPushOp(data), OpcodeType.OP_DROP, Op.GetPushOp(pubkey), OpcodeType.OP_CHECKSIG).ToBytes();
        var scriptSig = new Script(Op.GetPushOp(new byte[71]), Op.GetPushOp(redeem)).ToBytes();
        Assert.True(CarrierPrefilter.LastPushHasOpDrop(scriptSig));

        var noDrop = new Script(Op.GetPushOp(data), Op.GetPushOp(pubkey), OpcodeType.OP_DROP, OpcodeType.OP_CHECKSIG).ToBytes();
        Assert.False(CarrierPrefilter.LastPushHasOpDrop(new Script(Op.GetPushOp(new byte[71]), Op.GetPushOp(noDrop)).ToBytes()));
        // A P2PKH scriptSig (signature, key). This key (02 84bf 75...) read as a script is "push 2 bytes, OP_DROP".
        Assert.False(CarrierPrefilter.LastPushHasOpDrop(new Script(Op.GetPushOp(new byte[71]), Op.GetPushOp(pubkey)).ToBytes()));
        // Truncated pushes are rejected, not read past the end.
        Assert.False(CarrierPrefilter.LastPushHasOpDrop([0x4c, 0xff, 0x01]));
        // An OP_PUSHDATA4 length near int.MaxValue (i + length overflowed and the walk read before the start).
        Assert.False(CarrierPrefilter.LastPushHasOpDrop([0x01, 0x00, 0x4e, 0xfe, 0xff, 0xff, 0x7f, 0x00]));
    }
}
