using System.Collections.Immutable;
using CsCheck;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Common;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// Properties of the Colu codec and engine (CsCheck, fixed seeds so runs repeat): any bytes give a typed result and
/// never an exception; encode-then-decode is the identity; the transfer engine conserves units.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki
/// </summary>
[Trait("Category", "Unit")]
public class ColuPropertyTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    private static readonly Gen<byte[]> AnyPayload = Gen.OneOf(
        Gen.Byte.Array[0, 90],
        // Tag, version and a known opcode first, so that most cases get past the header.
        Gen.Select(Gen.Int[1, 2], Gen.OneOf<byte>(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25),
            Gen.Byte.Array[0, 76], (v, op, body) => (byte[])[0x43, 0x43, (byte)v, op, .. body]));

    private static readonly Gen<ulong> Amount = Gen.OneOf(Gen.ULong[0, 40], Gen.ULong[0, Sffc.MaxValue],
        Gen.Select(Gen.ULong[1, 9999], Gen.Int[0, 12], (m, e) => m * (ulong)Math.Pow(10, e))).Where(v => v <= Sffc.MaxValue);

    private static readonly Gen<ColuPayment> TransferPayment = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 8191], Amount,
        (skip, range, percent, output, amount) => new ColuPayment(0, range ? output : output & 0x1F, amount, skip, range, percent));

    private static readonly Gen<ColuPayload> AnyPayload2 =
        Gen.Select(Gen.Int[1, 2], Gen.Int[0, 17], TransferPayment.Array[0, 6], Gen.Byte.Array[20], Gen.Byte.Array[32],
            Gen.Select(Amount, Gen.Int[0, 7], Gen.Bool, Gen.Int[0, 2]),
            (version, opIndex, payments, torrent, sha2, issue) =>
            {
                byte[] opcodes = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25];
                var opcode = opcodes[opIndex];
                var kind = ColuOpcodes.KindOf(opcode)!.Value;
                var (t, s) = ColuOpcodes.InPayload(opcode);
                var input = 0;
                var list = ImmutableArray.CreateBuilder<ColuPayment>();
                foreach (var p in payments)
                {
                    var q = p with { Input = input };
                    // In a burn, output 31 without range is the burn code.
                    if (kind == ColuKind.Burn && !q.Range && q.Output == ColuPaymentCodec.BurnOutput) q = q with { Output = null, Burn = true };
                    list.Add(q);
                    if (q.Skip) input++;
                }
                var (amount, div, locked, policy) = issue;
                // Version 1 stores amount × 10^divisibility: keep that within 2^53−1.
                if (version == 1 && kind == ColuKind.Issuance) amount %= Sffc.MaxValue / ColuPayloadDecoderPow10(div) + 1;
                var issuance = kind == ColuKind.Issuance;
                return new ColuPayload((byte)version, opcode, kind, list.ToImmutable(), t ? torrent : null, s ? sha2 : null,
                    ColuOpcodes.NoRules(opcode), issuance ? amount : null, issuance ? div : null, issuance ? locked : null,
                    issuance ? (ColuAggregationPolicy)policy : null);
            });

    [Fact]
    public void Any_bytes_decode_to_a_typed_result_without_throwing()
    {
        AnyPayload.Sample(bytes =>
        {
            var result = ColuPayloadDecoder.Decode(bytes);
            Assert.True(result.IsSuccess ^ (result.Error != DecodeError.None));
            if (result.IsSuccess)
            {
                // Field ranges stay inside the payload, and re-encoding gives bytes that decode to the same payload
                // (not always the same bytes: reserved flag bits and non-minimal SFFC forms are not kept).
                Assert.All(result.Value.Fields, f => Assert.True(f.Offset >= 0 && f.Offset + f.Length <= bytes.Length));
                Assert.True(ColuPayloadEncoder.TryEncode(result.Value, out var again, out var error), error);
                var redecoded = ColuPayloadDecoder.Decode(again);
                Assert.True(redecoded.IsSuccess, redecoded.ErrorMessage);
                Assert.Equal(ColuCanonical.Payload(result.Value), ColuCanonical.Payload(redecoded.Value));
            }
        }, iter: 20_000, seed: Seed, threads: 1);
    }

    [Fact]
    public void Encode_then_decode_is_the_identity()
    {
        AnyPayload2.Sample(payload =>
        {
            Assert.True(ColuPayloadEncoder.TryEncode(payload, out var bytes, out var error), error + " " + ColuCanonical.Payload(payload));
            var decoded = ColuPayloadDecoder.Decode(bytes);
            Assert.True(decoded.IsSuccess, decoded.ErrorMessage);
            Assert.Equal(ColuCanonical.Payload(payload), ColuCanonical.Payload(decoded.Value));
            Assert.Equal(payload.NoRules, decoded.Value.NoRules);
        }, iter: 5_000, seed: Seed, threads: 1);
    }

    [Fact]
    public void Sffc_round_trips_every_safe_integer_it_is_given()
    {
        Amount.Sample(n =>
        {
            var bytes = Sffc.Encode(n);
            Assert.Equal(DecodeError.None, Sffc.TryRead(bytes, out var back, out var length));
            Assert.Equal((n, bytes.Length), (back, length));
        }, iter: 20_000, seed: Seed, threads: 1);
    }

    [Fact]
    public void Transfer_engine_conserves_units_and_never_throws()
    {
        var asset = Gen.Select(Gen.Int[0, 3], Gen.ULong[0, 30], Gen.Int[0, 2],
            (id, amount, policy) => new ColuAsset("A" + id, amount, AggregationPolicy: (ColuAggregationPolicy)policy));
        var payment = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 5], Gen.ULong[0, 40], Gen.Int[0, 20],
            (input, output, amount, flag) => new ColuPayment(input, flag == 0 ? null : output, amount, Range: flag == 1, Percent: flag == 2, Burn: flag == 0));
        Gen.Select(asset.Array[0, 3].Array[0, 4], payment.Array[0, 6], Gen.Int[0, 5]).Sample((inputs, payments, outputs) =>
        {
            var result = ColuTransferEngine.Transfer([.. inputs.Select(i => i.ToImmutableArray())], payments, outputs);
            var totalIn = inputs.SelectMany(i => i).Sum(a => (decimal)a.Amount);
            var totalOut = result.Outputs.SelectMany(o => o).Sum(a => (decimal)a.Amount) + result.Burned.Sum(a => (decimal)a.Amount);
            if (outputs > 0) Assert.Equal(totalIn, totalOut);
            if (result.Overflow) Assert.Empty(result.Burned);
        }, iter: 20_000, seed: Seed, threads: 1);
    }

    [Fact]
    public void Answer_builder_never_throws_on_any_payload_in_any_transaction()
    {
        Gen.Select(AnyPayload, Gen.Int[1, 4], Gen.Int[0, 4]).Sample((payload, inputs, extraOutputs) =>
        {
            var tx = Network.Main.CreateTransaction();
            for (var i = 0; i < inputs; i++) tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, (uint)i)));
            tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(payload))));
            for (var o = 0; o < extraOutputs; o++) tx.Outputs.Add(new TxOut(Money.Satoshis(600), new Script(OpcodeType.OP_TRUE)));
            var answer = ColuAnswerBuilder.Build(DecodeRequest.For(tx));
            Assert.Equal(ColuPayloadDecoder.HasTag(payload), answer is not null);
            if (answer is not null) Assert.Equal(tx.Outputs.Count, answer.Outputs.Length);
        }, iter: 5_000, seed: Seed, threads: 1);
    }

    [Fact]
    public void Answer_accounts_for_every_input_unit_whether_or_not_the_payload_decodes()
    {
        // Decoded: cc-get-assets-outputs puts every unit on an output or burns it. Not decoded: Colu's indexers color
        // nothing (Colored-Coins/Full-Node src/block_parser.js "if (!coloredData) return cb()"), so every input
        // unit is in "destroyed" and no output holds any (docs/colu.md).
        var asset = Gen.Select(Gen.Int[0, 2], Gen.ULong[0, 1000], Gen.Int[0, 2], (id, amount, policy) =>
            new InputAsset("colu", "La" + id, amount, AggregationPolicy: ((ColuAggregationPolicy)policy).ToName()));
        Gen.Select(AnyPayload, asset.Array[0, 3].Array[1, 3], Gen.Int[0, 3]).Sample((payload, inputs, extraOutputs) =>
        {
            var tx = Network.Main.CreateTransaction();
            for (var i = 0; i < inputs.Length; i++) tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, (uint)i)));
            tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(payload))));
            for (var o = 0; o < extraOutputs; o++) tx.Outputs.Add(new TxOut(Money.Satoshis(600), new Script(OpcodeType.OP_TRUE)));
            var request = new DecodeRequest(tx, [], [.. inputs.Select(i => i.ToImmutableArray())], null, Network.Main, DecodeRequest.DefaultXcpPrefix);
            var answer = ColuAnswerBuilder.Build(request);
            if (answer is null) return;
            var totalIn = inputs.SelectMany(i => i).Aggregate(UInt128.Zero, (s, a) => s + a.Quantity);
            var issued = answer.Kind == "issuance" && answer.Amount is { } amount ? amount : 0UL;
            var onOutputs = answer.Outputs.SelectMany(o => o.Assets).Aggregate(UInt128.Zero, (s, a) => s + a.Amount);
            var burned = answer.Burned.Aggregate(UInt128.Zero, (s, a) => s + a.Amount);
            var destroyed = answer.Destroyed.Aggregate(UInt128.Zero, (s, a) => s + a.Amount);
            Assert.Equal(totalIn + issued, onOutputs + burned + destroyed);
            var decoded = ColuPayloadDecoder.Decode(payload).IsSuccess;
            if (decoded) Assert.Empty(answer.Destroyed);
            else Assert.Equal((UInt128.Zero, inputs.Sum(i => i.Length)), (onOutputs, answer.Destroyed.Length));
        }, iter: 5_000, seed: Seed, threads: 1);
    }

    private static ulong ColuPayloadDecoderPow10(int e)
    {
        ulong v = 1;
        for (var i = 0; i < e; i++) v *= 10;
        return v;
    }
}
