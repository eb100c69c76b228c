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
    [Fact]
    public void The_inline_push_walk_agrees_with_a_plain_one_on_random_scriptSigs()
    {
        // The prefilter walks every scriptSig's pushes inline (it runs on every input of every block); the plain walk
        // below (one push at a time, as the prefilter read them before) is the oracle. Random scripts made of pushes of
        // every form, opcodes and truncations, half of them ending in a "<data> OP_DROP ..." redeem script.
        var random = new Random(11);
        var positives = 0;
        for (var k = 0; k < 20_000; k++)
        {
            var script = new List<byte>();
            var pushes = random.Next(0, 4);
            for (var p = 0; p < pushes; p++) script.AddRange(RandomPush(random, random.Next(0, 80)));
            if (random.Next(2) == 0)
            {
                var redeem = new List<byte>(RandomPush(random, random.Next(0, 9)));
                redeem.Add(random.Next(4) == 0 ? (byte)random.Next(256) : (byte)0x75);
                redeem.AddRange(RandomPush(random, 33));
                script.AddRange(RandomPush(random, redeem.Count, redeem));
            }
            if (random.Next(10) == 0 && script.Count > 0) script.RemoveRange(random.Next(script.Count), 1);
            if (random.Next(10) == 0) script.Add((byte)random.Next(256));
            var bytes = script.ToArray();
            var expected = PlainWalk(bytes);
            positives += expected ? 1 : 0;
            Assert.Equal(expected, CarrierPrefilter.LastPushHasOpDrop(bytes));
        }
        for (var k = 0; k < 20_000; k++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            Assert.Equal(PlainWalk(bytes), CarrierPrefilter.LastPushHasOpDrop(bytes));
        }
        Assert.InRange(positives, 1_000, 19_000);
    }

    private static byte[] RandomPush(Random random, int length, IReadOnlyList<byte>? content = null)
    {
        var data = content?.ToArray() ?? Enumerable.Range(0, length).Select(_ => (byte)random.Next(256)).ToArray();
        var form = random.Next(6);
        byte[] head = form switch
        {
            0 when length < 0x4c => [(byte)length],
            1 when length < 256 => [0x4c, (byte)length],
            2 => [0x4d, (byte)length, (byte)(length >> 8)],
            3 => [0x4e, (byte)length, (byte)(length >> 8), 0, 0],
            4 => [(byte)random.Next(0x4f, 256)], // an opcode that is no push, then the bytes as more script
            _ => length < 0x4c ? [(byte)length] : [0x4c, (byte)length],
        };
        return [.. head, .. data];
    }

    // The walk as the prefilter had it (one TryReadPush per push), kept as the oracle.
    private static bool PlainWalk(ReadOnlySpan<byte> scriptSig)
    {
        int lastStart = 0, lastLength = 0;
        var i = 0;
        while (i < scriptSig.Length)
        {
            if (!TryReadPush(scriptSig, ref i, out var start, out var length, out _)) return false;
            (lastStart, lastLength) = (start, length);
        }
        if (lastLength < 2) return false;
        var last = scriptSig.Slice(lastStart, lastLength);
        var j = 0;
        if (!TryReadPush(last, ref j, out _, out var firstLength, out var first) || first is 0 or > 0x4e || firstLength < 5 || j >= last.Length) return false;
        return last[j] == 0x75;
    }

    private static bool TryReadPush(ReadOnlySpan<byte> script, ref int i, out int start, out int length, out byte opcode)
    {
        start = i;
        opcode = script[i++];
        length = 0;
        if (opcode is > 0 and < 0x4c) length = opcode;
        else if (opcode == 0x4c) { if (i + 1 > script.Length) return false; length = script[i]; i += 1; }
        else if (opcode == 0x4d) { if (i + 2 > script.Length) return false; length = script[i] | (script[i + 1] << 8); i += 2; }
        else if (opcode == 0x4e) { if (i + 4 > script.Length) return false; length = (int)Math.Min(int.MaxValue, BitConverter.ToUInt32(script.Slice(i, 4))); i += 4; }
        else return true;
        if (length < 0 || length > script.Length - i) return false;
        start = i;
        i += length;
        return true;
    }
}
