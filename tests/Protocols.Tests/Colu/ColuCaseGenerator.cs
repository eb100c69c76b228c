using System.Collections.Immutable;
using Explorer.Protocols.Colu;
using NBitcoin;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// Seeded random cases for the differential test: logical Colu transactions (what cc-transaction's Transaction object
/// holds before encode()), colored inputs, random payload bytes, and first inputs for asset IDs.
/// </summary>
public sealed class ColuCaseGenerator(int seed)
{
    private readonly Random _rng = new(seed);
    private readonly (string Id, string IssueTxid, int Divisibility, bool Locked, ColuAggregationPolicy Policy)[] _pool = BuildPool(new Random(seed ^ 0x5eed));

    public Random Rng => _rng;

    public ColuEncodeRequest NextRequest(int inputCount, int outputCount)
    {
        var roll = _rng.NextDouble();
        var kind = roll < 0.4 ? ColuKind.Issuance : roll < 0.8 ? ColuKind.Transfer : ColuKind.Burn;
        var payments = ImmutableArray.CreateBuilder<ColuPayment>();
        var count = _rng.Next(0, 7);
        for (var i = 0; i < count; i++)
        {
            var input = _rng.NextDouble() < 0.02 ? inputCount : _rng.Next(0, inputCount);
            // Mostly small amounts, so that payments fit the inputs' assets and the paying path is exercised.
            var amount = _rng.NextDouble() < 0.7 ? (ulong)_rng.Next(0, 12) : NextAmount();
            if (kind == ColuKind.Burn && _rng.NextDouble() < 0.35)
            {
                payments.Add(new ColuPayment(input, null, amount, Percent: _rng.NextDouble() < 0.03, Burn: true));
                continue;
            }
            var range = _rng.NextDouble() < 0.015;
            var output = range && _rng.NextDouble() < 0.5 ? _rng.Next(0, 8192)
                : _rng.NextDouble() < 0.02 ? outputCount : _rng.Next(0, outputCount);
            if (_rng.NextDouble() < 0.01) output = 31;
            payments.Add(new ColuPayment(input, output, amount, Range: range, Percent: _rng.NextDouble() < 0.015));
        }
        // The reference's type is "burn" only once a burn payment is added (Transaction.addBurn).
        if (kind == ColuKind.Burn && !payments.Any(p => p.Burn)) payments.Add(new ColuPayment(_rng.Next(0, inputCount), null, NextAmount(), Burn: true));

        byte[]? torrent = null, sha2 = null;
        var hashes = _rng.NextDouble();
        if (hashes < 0.2) torrent = Bytes(20);
        else if (hashes < 0.5) { torrent = Bytes(20); sha2 = Bytes(32); }
        else if (hashes < 0.52) sha2 = Bytes(32);

        return new ColuEncodeRequest(kind, payments.ToImmutable(),
            Version: _rng.NextDouble() < 0.1 ? (byte)1 : (byte)2,
            TorrentHash: torrent, Sha2: sha2, NoRules: _rng.NextDouble() < 0.5,
            Amount: NextAmount(issued: true), Divisibility: _rng.Next(0, 8), LockStatus: _rng.NextDouble() < 0.5,
            AggregationPolicy: (ColuAggregationPolicy)_rng.Next(0, 3));
    }

    public ulong NextAmount(bool issued = false)
    {
        var roll = _rng.NextDouble();
        if (roll < 0.08) return 0;
        if (roll < 0.75) return (ulong)_rng.Next(1, issued ? 120 : 40);
        if (roll < 0.9) return (ulong)_rng.Next(40, 5000);
        if (roll < 0.97) return (ulong)_rng.Next(1, 1000) * Pow10(_rng.Next(0, 13));
        return (ulong)_rng.NextInt64(0, (long)Sffc.MaxValue + 1);
    }

    /// <summary>Each input's assets: 0–3 entries from a small pool of asset IDs (so aggregation happens), small amounts.</summary>
    public ImmutableArray<ImmutableArray<ColuAsset>> NextInputAssets(int inputCount)
    {
        var inputs = ImmutableArray.CreateBuilder<ImmutableArray<ColuAsset>>(inputCount);
        for (var i = 0; i < inputCount; i++)
        {
            var assets = ImmutableArray.CreateBuilder<ColuAsset>();
            var n = _rng.NextDouble() < 0.1 ? 0 : _rng.Next(1, 4);
            for (var a = 0; a < n; a++)
            {
                var p = _pool[_rng.Next(_pool.Length)];
                var policy = _rng.NextDouble() < 0.1 ? (ColuAggregationPolicy)_rng.Next(0, 3) : p.Policy;
                var amount = _rng.NextDouble() < 0.06 ? 0UL : (ulong)_rng.Next(1, 30);
                assets.Add(new ColuAsset(p.Id, amount, p.IssueTxid, p.Divisibility, p.Locked, policy));
            }
            inputs.Add(assets.ToImmutable());
        }
        return inputs.MoveToImmutable();
    }

    /// <summary>A transaction with <paramref name="inputCount"/> inputs whose outputs hold the payload in an OP_RETURN at a
    /// random position, and, when hashes are left over, the multisig hash output inserted at 0 as the builder does.</summary>
    public Transaction NextTransaction(int inputCount, int outputCount, byte[] payload, ImmutableArray<byte[]> leftover)
    {
        var tx = Network.Main.CreateTransaction();
        for (var i = 0; i < inputCount; i++)
            tx.Inputs.Add(new TxIn(new OutPoint(new uint256(Bytes(32)), (uint)_rng.Next(0, 6))));
        var opReturnAt = _rng.Next(0, outputCount);
        for (var o = 0; o < outputCount; o++)
        {
            var script = o == opReturnAt
                ? new Script(OpcodeType.OP_RETURN, Op.GetPushOp(payload))
                : PayToPubkeyHashTemplate.Instance.GenerateScriptPubKey(new KeyId(Bytes(20)));
            tx.Outputs.Add(new TxOut(Money.Satoshis(o == opReturnAt ? 0 : 600), script));
        }
        if (!leftover.IsEmpty) tx.Outputs.Insert(0, new TxOut(Money.Satoshis(700), HashesOutput(leftover)));
        return tx;
    }

    /// <summary>cc-transaction-builder _addHashesOutput, leftover = [sha2] or [torrentHash, sha2], random padding byte.</summary>
    public Script HashesOutput(ImmutableArray<byte[]> leftover) =>
        ColuMultisigHashes.BuildOutput(leftover[^1], leftover.Length == 2 ? leftover[0] : null, padding: (byte)_rng.Next(256));

    /// <summary>A valid payload with one random change: a byte replaced, bytes cut off the end, or bytes appended.</summary>
    public byte[] Mutate(byte[] payload)
    {
        var bytes = payload.ToList();
        switch (_rng.Next(3))
        {
            case 0: bytes[_rng.Next(bytes.Count)] = (byte)_rng.Next(256); break;
            case 1: bytes = bytes.Take(Math.Max(0, bytes.Count - _rng.Next(1, 4))).ToList(); break;
            default: bytes.AddRange(Bytes(_rng.Next(1, 4)).Select(b => (byte)(b & 0x3F))); break;
        }
        return [.. bytes];
    }

    /// <summary>Random payload bytes: mostly the CC tag, a version, a known opcode and a body of small bytes.</summary>
    public byte[] NextRandomPayload()
    {
        var bytes = new List<byte>();
        if (_rng.NextDouble() < 0.97) bytes.AddRange([0x43, 0x43]); else bytes.AddRange(Bytes(2));
        bytes.Add(_rng.NextDouble() < 0.95 ? (byte)_rng.Next(1, 3) : (byte)_rng.Next(256));
        byte[] opcodes = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25];
        bytes.Add(_rng.NextDouble() < 0.93 ? opcodes[_rng.Next(opcodes.Length)] : (byte)_rng.Next(0x30));
        var length = _rng.Next(0, 60);
        for (var i = 0; i < length; i++)
            bytes.Add(_rng.NextDouble() < 0.6 ? (byte)_rng.Next(0, 32) : (byte)_rng.Next(256));
        return [.. bytes];
    }

    public byte[] Bytes(int n)
    {
        var b = new byte[n];
        _rng.NextBytes(b);
        return b;
    }

    public Script RandomPrevoutScript() => _rng.Next(4) switch
    {
        0 => PayToScriptHashTemplate.Instance.GenerateScriptPubKey(new ScriptId(Bytes(20))),
        1 => new Script(Bytes(_rng.Next(1, 40))),
        _ => PayToPubkeyHashTemplate.Instance.GenerateScriptPubKey(new KeyId(Bytes(20))),
    };

    /// <summary>A scriptSig: P2PKH (DER signature + key), P2SH multisig (OP_0 sigs redeem), or random bytes.</summary>
    public byte[] RandomScriptSig()
    {
        var key = new Key();
        var sig = key.Sign(new uint256(Bytes(32))).ToDER().Concat(new byte[] { 0x01 }).ToArray();
        switch (_rng.Next(3))
        {
            case 0:
                return new Script(Op.GetPushOp(sig), Op.GetPushOp(key.PubKey.ToBytes())).ToBytes();
            case 1:
            {
                var other = new Key();
                var redeem = PayToMultiSigTemplate.Instance.GenerateScriptPubKey(2, key.PubKey, other.PubKey);
                var sig2 = other.Sign(new uint256(Bytes(32))).ToDER().Concat(new byte[] { 0x01 }).ToArray();
                return new Script(OpcodeType.OP_0, Op.GetPushOp(sig), Op.GetPushOp(sig2), Op.GetPushOp(redeem.ToBytes())).ToBytes();
            }
            default:
                return Bytes(_rng.Next(0, 80));
        }
    }

    private static ulong Pow10(int e)
    {
        ulong v = 1;
        for (var i = 0; i < e; i++) v *= 10;
        return v;
    }

    private static (string, string, int, bool, ColuAggregationPolicy)[] BuildPool(Random rng)
    {
        var pool = new (string, string, int, bool, ColuAggregationPolicy)[4];
        for (var i = 0; i < pool.Length; i++)
        {
            var txid = new byte[32];
            rng.NextBytes(txid);
            var hex = Convert.ToHexStringLower(txid);
            var policy = (ColuAggregationPolicy)(i % 3);
            var div = rng.Next(0, 8);
            pool[i] = (ColuAssetId.FromOutpoint(hex, 0, policy, div), hex, div, i % 2 == 0, policy);
        }
        return pool;
    }
}
