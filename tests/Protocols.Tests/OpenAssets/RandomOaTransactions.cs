using System.Text;
using Explorer.Protocols.OpenAssets;
using NBitcoin;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// Seeded generator of Open Assets-shaped transactions, valid and invalid: markers in any position, several marker
/// candidates per transaction, broken and exotic pushes, quantity lists longer than the outputs, inputs short of
/// units, mixed assets, large quantities. Used by the NBitcoin differential test and the benchmark.
/// </summary>
public sealed class RandomOaTransactions(int seed)
{
    private readonly Random _r = new(seed);
    private readonly OaAssetId[] _assets = [.. Enumerable.Range(0, 3).Select(i => OaAssetId.FromScript(Encoding.ASCII.GetBytes("asset" + i)))];

    public sealed record Case(Transaction Tx, InputColor?[] Colors, Script IssuanceScript);

    public Case Next()
    {
        var tx = Network.Main.CreateTransaction();
        var inputKind = _r.Next(100);
        var inputCount = inputKind < 3 ? 0 : _r.Next(1, 7);
        if (inputKind is >= 3 and < 6)
            tx.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), new Script(Op.GetPushOp(_r.Next()))));
        else
            for (var i = 0; i < inputCount; i++)
                tx.Inputs.Add(new TxIn(new OutPoint(RandomHash(), (uint)_r.Next(4))));

        var outputCount = _r.Next(0, 9);
        var markerAt = _r.Next(100) < 85 && outputCount > 0 ? _r.Next(outputCount) : -1;
        for (var i = 0; i < outputCount; i++)
        {
            byte[] script;
            if (i == markerAt) script = MarkerScript(outputCount);
            else if (_r.Next(100) < 12) script = MarkerScript(outputCount); // a second candidate
            else script = OtherScript();
            tx.Outputs.Add(new TxOut(Money.Satoshis(_r.Next(0, 100_000)), new Script(script)));
        }

        var colors = new InputColor?[tx.Inputs.Count];
        for (var i = 0; i < colors.Length; i++)
            colors[i] = _r.Next(100) < 35 ? null : new InputColor(_assets[_r.Next(_r.Next(100) < 70 ? 1 : 3)], Quantity(input: true));
        var issuance = _r.Next(100) < 80 ? new KeyId(Bytes(20)).ScriptPubKey : new Script(Bytes(_r.Next(0, 30)));
        return new Case(tx, colors, issuance);
    }

    private ulong Quantity(bool input) => _r.Next(100) switch
    {
        < 25 when !input => 0,
        < 90 => (ulong)_r.Next(1, 12),
        < 96 => (ulong)_r.NextInt64(1, long.MaxValue),
        _ => long.MaxValue,
    };

    private byte[] MarkerScript(int outputCount)
    {
        var count = _r.Next(100) < 85 ? _r.Next(0, Math.Max(1, outputCount)) : _r.Next(0, outputCount + 3);
        var quantities = Enumerable.Range(0, count).Select(_ => Quantity(input: false)).ToArray();
        var metadata = _r.Next(100) switch
        {
            < 50 => [],
            < 75 => Encoding.UTF8.GetBytes("u=https://example.com/" + _r.Next()),
            _ => Bytes(_r.Next(1, 300)),
        };
        var payload = MarkerPayloadEncoder.EncodePayload(OpenAssetsMarker.Create(quantities, metadata));
        payload = MutatePayload(payload, count);
        return MutateScript(payload);
    }

    /// <summary>Payload-level damage: ~35% of candidates are no longer valid payloads (or are exotic valid ones).</summary>
    private byte[] MutatePayload(byte[] p, int count)
    {
        switch (_r.Next(100))
        {
            case < 65: return p;
            case < 69: return [.. p, (byte)_r.Next(256)];                       // trailing byte
            case < 73: return p[..Math.Max(0, p.Length - _r.Next(1, 4))];        // truncated
            case < 77:                                                          // flipped byte
                {
                    var c = (byte[])p.Clone();
                    c[_r.Next(c.Length)] ^= (byte)(1 << _r.Next(8));
                    return c;
                }
            case < 80: return [0x4f, 0x41, 0x02, 0x00, .. p[4..]];                // version 2
            case < 83: return [0x4f, 0x41, 0x01, 0x00, 0xfd, (byte)count, (byte)(count >> 8), .. p[5..]]; // non-canonical count (count < 253)
            case < 87:                                                          // a quantity padded to 9 or 10 LEB128 bytes
                {
                    if (count == 0) return p;
                    var tenBytes = _r.Next(2) == 0;
                    var q = (ulong)_r.Next(0, 128);
                    var leb = new byte[tenBytes ? 10 : 9];
                    leb[0] = (byte)(q | 0x80);
                    for (var i = 1; i < leb.Length - 1; i++) leb[i] = 0x80;
                    leb[^1] = 0x00;
                    var firstLength = MarkerPayloadEncoder.Leb128Length(DecodeFirstQuantity(p));
                    return [.. p[..5], .. leb, .. p[(5 + firstLength)..]];
                }
            case < 90: return Bytes(p.Length);                                  // random bytes
            case < 93: return [0x4f, 0x41, .. Bytes(_r.Next(0, 12))];           // OA tag, random rest
            default: return p.Length > 6 ? p[..6] : p;                          // cut after the count
        }
    }

    private static ulong DecodeFirstQuantity(byte[] payload)
    {
        ulong v = 0;
        for (var i = 0; i < 10 && 5 + i < payload.Length; i++)
        {
            v |= (ulong)(payload[5 + i] & 0x7F) << (7 * i);
            if ((payload[5 + i] & 0x80) == 0) break;
        }
        return v;
    }

    /// <summary>Script-level shapes: push forms, opcodes around the push, several pushes, broken pushes.</summary>
    private byte[] MutateScript(byte[] payload)
    {
        var push = PushForm(payload);
        return _r.Next(100) switch
        {
            < 55 => [0x6a, .. push],
            < 62 => [0x6a, .. RandomOps(), .. push, .. RandomOps()],
            < 68 => [0x6a, .. PushForm(Bytes(_r.Next(0, 20))), .. push],                 // an unrelated push first
            < 73 => [0x6a, .. push, .. PushForm(payload)],                               // the payload twice
            < 77 => [0x6a, .. push, (byte)_r.Next(1, 0x4c)],                             // a broken push after
            < 81 => [0x6a, 0x4d, 0xff, 0xff, .. push],                                   // a broken push before
            < 85 => [0x6a, .. push[..Math.Max(1, push.Length - 1)]],                     // push cut short
            < 89 => [(byte)_r.Next(0x00, 0x6a), .. push],                                // not OP_RETURN
            < 92 => [0x6a, .. RandomOps(), 0x4f, 0x41],                                  // no push at all
            _ => [0x6a, 0x00, .. push],                                                  // an empty push first
        };
    }

    private byte[] PushForm(byte[] data) => _r.Next(100) switch
    {
        < 70 when data.Length < 0x4c => [(byte)data.Length, .. data],
        < 85 when data.Length <= 0xff => [0x4c, (byte)data.Length, .. data],
        < 95 => [0x4d, (byte)data.Length, (byte)(data.Length >> 8), .. data],
        _ => [0x4e, (byte)data.Length, (byte)(data.Length >> 8), (byte)(data.Length >> 16), (byte)(data.Length >> 24), .. data],
    };

    private byte[] RandomOps()
    {
        var n = _r.Next(0, 3);
        var ops = new byte[n];
        for (var i = 0; i < n; i++) ops[i] = (byte)_r.Next(0x4f, 0xba); // OP_1NEGATE .. OP_NOP10: never a push with data
        return ops;
    }

    private byte[] OtherScript() => _r.Next(100) switch
    {
        < 60 => new KeyId(Bytes(20)).ScriptPubKey.ToBytes(),
        < 75 => [0x6a, .. PushForm(Bytes(_r.Next(0, 40)))],
        _ => Bytes(_r.Next(0, 40)),
    };

    private uint256 RandomHash() => new(Bytes(32));

    private byte[] Bytes(int n)
    {
        var b = new byte[n];
        _r.NextBytes(b);
        return b;
    }
}
