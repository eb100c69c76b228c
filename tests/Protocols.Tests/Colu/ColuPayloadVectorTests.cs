using System.Text.Json;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// Payload vectors of ../shared/vectors/colu.json (copied to data/colu/colu.json): the opcode tests of Colu's
/// cc-issuance-encoder (inbitcoin/Issuance-Encoder@b05e28f test/test_main.js) and cc-transfer-encoder
/// (Colored-Coins/Transfer-Encoder@578e802 test/test.js).
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/OP_CODES
/// </summary>
[Trait("Category", "Unit")]
public class ColuPayloadVectorTests
{
    [Theory]
    [InlineData("cc-issuance-0x06")]
    [InlineData("cc-issuance-0x05")]
    [InlineData("cc-issuance-0x04")]
    [InlineData("cc-issuance-0x01")]
    [InlineData("cc-issuance-0x02")]
    [InlineData("cc-issuance-0x03")]
    [InlineData("cc-transfer-0x15")]
    [InlineData("cc-transfer-0x14")]
    [InlineData("cc-transfer-0x13")]
    public void Payload_decodes_as_the_reference_test_asserts_and_reencodes_to_the_same_bytes(string id)
    {
        var bytes = ColuVectors.Hex(ColuVectors.Input(id).GetProperty("opreturn_payload_hex").GetString()!);
        var expected = ColuVectors.Expected(id);

        var result = ColuPayloadDecoder.Decode(bytes);

        Assert.True(result.IsSuccess, result.ErrorMessage);
        var p = result.Value;
        Assert.Equal(bytes[3], p.Opcode);
        if (expected.TryGetProperty("version", out var version)) Assert.Equal(version.GetInt32(), p.Version);
        if (expected.TryGetProperty("amount", out var amount)) Assert.Equal(amount.GetUInt64(), p.Amount);
        if (expected.TryGetProperty("divisibility", out var div)) Assert.Equal(div.GetInt32(), p.Divisibility);
        if (expected.TryGetProperty("lockStatus", out var locked)) Assert.Equal(locked.GetBoolean(), p.LockStatus);
        if (expected.TryGetProperty("aggregationPolicy", out var policy)) Assert.Equal(policy.GetString(), p.AggregationPolicy?.ToName());
        if (expected.TryGetProperty("noRules", out var noRules)) Assert.Equal(noRules.GetBoolean(), p.NoRules);
        if (expected.TryGetProperty("torrentHash", out var torrent)) Assert.Equal(torrent.GetString(), Hex(p.TorrentHash));
        if (expected.TryGetProperty("sha2", out var sha2)) Assert.Equal(sha2.GetString(), Hex(p.Sha2));
        if (expected.TryGetProperty("type", out var type)) Assert.Equal(type.GetString(), p.Kind.ToString().ToLowerInvariant());
        if (expected.TryGetProperty("multiSig", out var multiSig))
        {
            Assert.Equal(multiSig.GetArrayLength(), p.MultiSig.Length);
            var i = 0;
            foreach (var m in multiSig.EnumerateArray())
            {
                Assert.Equal(m.GetProperty("index").GetInt32(), p.MultiSig[i].Index);
                Assert.Equal(m.GetProperty("hashType").GetString(), p.MultiSig[i].HashType == ColuHashType.Sha2 ? "sha2" : "torrentHash");
                i++;
            }
        }
        AssertPayments(expected.GetProperty("payments"), p);

        Assert.True(ColuPayloadEncoder.TryEncode(p, out var again, out var error), error);
        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(again));
    }

    [Theory]
    [InlineData("cc-issuance-0x01", 11, 0x01)]
    [InlineData("cc-issuance-0x02", 12, 0x02)]
    [InlineData("cc-issuance-0x03", 28, 0x03)]
    public void Reference_style_encoder_picks_the_opcode_by_the_80_byte_limit_and_leaves_the_rest_for_multisig(string id, int payments, int opcode)
    {
        var expected = ColuVectors.Expected(id);
        var request = new ColuEncodeRequest(ColuKind.Issuance, [.. Enumerable.Repeat(ColuPayment.Transfer(0, 1, 1), payments)],
            TorrentHash: ColuVectors.Hex("46b7e0d000d69330ac1caa48c6559763828762e1"),
            Sha2: ColuVectors.Hex("03ffdf3d6790a21c5fc97a62fe1abc5f66922d7dee3725261ce02e86f078d190"),
            Amount: 15, Divisibility: 2, LockStatus: true);

        Assert.True(ColuPayloadEncoder.TryEncodeLikeReference(request, out var encoded, out var error), error);

        Assert.Equal(ColuVectors.Input(id).GetProperty("opreturn_payload_hex").GetString(), Convert.ToHexStringLower(encoded!.Payload));
        Assert.Equal(opcode, encoded.Payload[3]);
        var leftover = expected.TryGetProperty("leftover_for_multisig", out var l)
            ? l.EnumerateArray().Select(e => e.GetString()).ToArray() : [];
        Assert.Equal(leftover, encoded.Leftover.Select(Convert.ToHexStringLower).ToArray());
    }

    [Theory]
    [InlineData(12, 0x10, 0)]
    [InlineData(13, 0x11, 1)]
    [InlineData(28, 0x11, 1)]
    [InlineData(29, 0x12, 2)]
    [InlineData(38, 0x12, 2)]
    public void Transfer_opcodes_0x10_0x11_0x12_follow_the_80_byte_limit(int payments, int opcode, int multisigHashes)
    {
        // Vector cc-transfer-0x10-0x11-0x12: torrentHash+sha2 in OP_RETURN, then sha2 in 1-of-2, then both in 1-of-3.
        var prefixes = ColuVectors.Input("cc-transfer-0x10-0x11-0x12").GetProperty("payload_prefixes");
        var request = new ColuEncodeRequest(ColuKind.Transfer, [.. Enumerable.Repeat(ColuPayment.Transfer(0, 1, 1), payments)],
            TorrentHash: ColuVectors.Hex("46b7e0d000d69330ac1caa48c6559763828762e1"),
            Sha2: ColuVectors.Hex("03ffdf3d6790a21c5fc97a62fe1abc5f66922d7dee3725261ce02e86f078d190"));

        Assert.True(ColuPayloadEncoder.TryEncodeLikeReference(request, out var encoded, out var error), error);

        var prefix = prefixes.GetProperty($"0x{opcode:x2}").GetString()!.Split(' ')[0];
        Assert.StartsWith(prefix, Convert.ToHexStringLower(encoded!.Payload), StringComparison.Ordinal);
        Assert.True(encoded.Payload.Length <= ColuPayloadEncoder.MaxPayloadLength);
        var decoded = ColuPayloadDecoder.Decode(encoded.Payload);
        Assert.True(decoded.IsSuccess, decoded.ErrorMessage);
        Assert.Equal(multisigHashes, decoded.Value.MultiSig.Length);
        Assert.Equal(multisigHashes, encoded.Leftover.Length);
        Assert.Equal(payments, decoded.Value.Payments.Length);
    }

    [Fact]
    public void Too_many_payments_for_80_bytes_is_refused_like_the_reference()
    {
        var request = new ColuEncodeRequest(ColuKind.Transfer, [.. Enumerable.Repeat(ColuPayment.Transfer(0, 1, 1), 39)]);
        Assert.False(ColuPayloadEncoder.TryEncodeLikeReference(request, out _, out var error));
        Assert.Equal("Data code is bigger then the allowed byte size", error);
    }

    [Theory]
    [InlineData("434402060f010f50", DecodeError.NotThisProtocol)]
    [InlineData("434303060f010f50", DecodeError.UnsupportedVersion)]
    [InlineData("434302070f010f50", DecodeError.UnknownOpcode)]
    [InlineData("434302160f", DecodeError.UnknownOpcode)]
    [InlineData("4343020146b7e0d0", DecodeError.Truncated)]
    [InlineData("4343021501", DecodeError.Truncated)]
    [InlineData("43430215014d", DecodeError.Truncated)]
    [InlineData("4343020650", DecodeError.Truncated)]
    [InlineData("434302060f010f5c", DecodeError.InvalidEncoding)]
    [InlineData("43430215", DecodeError.None)]
    public void Malformed_payloads_give_typed_errors(string hex, DecodeError error)
    {
        // Rules of ../shared/docs/protocols.md 2.1–2.6; where we are stricter than the reference see docs/colu.md.
        var result = ColuPayloadDecoder.Decode(Convert.FromHexString(hex));
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Version_1_amount_is_divided_by_ten_to_the_divisibility()
    {
        // cc-issuance-encoder decodeAmountByVersion: "(version == 0x01) ? (decodedAmount / Math.pow(10, divisibility))".
        // 0x2012 is SFFC mantissa 1, exponent 2 = 100; flags 0x50 = divisibility 2.
        var result = ColuPayloadDecoder.Decode(Convert.FromHexString("434301062012010150"));
        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(1UL, result.Value.Amount);
        Assert.True(ColuPayloadEncoder.TryEncode(result.Value, out var bytes, out _));
        Assert.Equal("434301062012010150", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Every_field_has_a_byte_range_in_the_payload()
    {
        var bytes = ColuVectors.Hex(ColuVectors.Input("cc-issuance-0x04").GetProperty("opreturn_payload_hex").GetString()!);
        var fields = ColuPayloadDecoder.Decode(bytes).Value!.Fields;
        Assert.Equal(["protocol", "version", "opcode", "flags", "torrentHash", "amount", "payments[0]"], fields.Select(f => f.Field));
        // Ranges tile the payload exactly: 2 + 1 + 1 + 20 + 1 + 2 + 1 (flags last).
        Assert.Equal(bytes.Length, fields.Sum(f => f.Length));
        Assert.All(fields, f => Assert.Equal(ColuPayloadDecoder.Layer, f.Layer));
        var torrent = fields.Single(f => f.Field == "torrentHash");
        Assert.Equal((4, 20), (torrent.Offset, torrent.Length));
        Assert.Equal((bytes.Length - 1, 1), (fields.Single(f => f.Field == "flags").Offset, 1));
    }

    private static void AssertPayments(JsonElement expected, ColuPayload p)
    {
        if (expected.ValueKind == JsonValueKind.String)
        {
            // "N x {output 1, amount 1}"
            var count = int.Parse(expected.GetString()!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(count, p.Payments.Length);
            Assert.All(p.Payments, x => Assert.Equal((1, 1UL, false), (x.Output!.Value, x.Amount, x.Skip)));
            return;
        }
        Assert.Equal(expected.GetArrayLength(), p.Payments.Length);
        var i = 0;
        foreach (var e in expected.EnumerateArray())
        {
            var actual = p.Payments[i++];
            Assert.Equal(e.GetProperty("output").GetInt32(), actual.Output);
            Assert.Equal(e.GetProperty("amount").GetUInt64(), actual.Amount);
            if (e.TryGetProperty("skip", out var skip)) Assert.Equal(skip.GetBoolean(), actual.Skip);
            if (e.TryGetProperty("range", out var range)) Assert.Equal(range.GetBoolean(), actual.Range);
            if (e.TryGetProperty("percent", out var percent)) Assert.Equal(percent.GetBoolean(), actual.Percent);
        }
    }

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexStringLower(bytes);
}
