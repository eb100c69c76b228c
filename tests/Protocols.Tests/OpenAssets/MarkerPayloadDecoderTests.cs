using System.Text;
using Explorer.Protocols.Common;
using Explorer.Protocols.OpenAssets;
using static Explorer.Protocols.Tests.OpenAssets.OaVectors;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// Marker payload decoding and encoding.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#marker-output
/// Vectors: data/openassets/openassets.json (ids cited per test).
/// </summary>
[Trait("Category", "Unit")]
public class MarkerPayloadDecoderTests
{
    /// <summary>oa-spec-marker-example: the specification's "Marker output example" (also NBitcoin CanParseColorMarker).</summary>
    [Fact]
    public void SpecMarkerExample_DecodesWithFieldRanges()
    {
        var script = Hex(Input("oa-spec-marker-example").Str("marker_script_hex"));
        var expected = Expected("oa-spec-marker-example");

        Assert.True(MarkerScriptParser.TryParse(script, out var found));
        Assert.Equal(expected.GetProperty("version").GetInt32(), found.Marker.Version);
        Assert.Equal(expected.GetProperty("asset_quantities").EnumerateArray().Select(e => e.GetUInt64()), found.Marker.Quantities.ToArray());
        Assert.Equal(expected.Str("metadata_hex"), Convert.ToHexStringLower(found.Marker.Metadata.Span));

        // Every field knows its bytes in the script: 6a | 10 | 4f41 | 0100 | 03 | ac02 00 e58e26 | 04 | 12345678
        Assert.Equal(new FieldSpan(1, 1), found.PushOpcode);
        Assert.Equal(new FieldSpan(2, 16), found.Payload);
        Assert.Equal(new FieldSpan(2, 2), found.Ranges.Tag);
        Assert.Equal(new FieldSpan(4, 2), found.Ranges.Version);
        Assert.Equal(new FieldSpan(6, 1), found.Ranges.QuantityCount);
        Assert.Equal([new FieldSpan(7, 2), new FieldSpan(9, 1), new FieldSpan(10, 3)], found.Ranges.Quantities.ToArray());
        Assert.Equal(new FieldSpan(13, 1), found.Ranges.MetadataLength);
        Assert.Equal(new FieldSpan(14, 4), found.Ranges.Metadata);
        Assert.Equal(script.Length, found.Ranges.Metadata.End);

        // "Assuming the marker output is output 1: output 0 = 300, output 2 = 0, output 3 = 624485, later outputs 0"
        Assert.Equal(300UL, found.Marker.QuantityOfOutput(0, 1));
        Assert.Equal(0UL, found.Marker.QuantityOfOutput(1, 1));
        Assert.Equal(0UL, found.Marker.QuantityOfOutput(2, 1));
        Assert.Equal(624485UL, found.Marker.QuantityOfOutput(3, 1));
        Assert.Equal(0UL, found.Marker.QuantityOfOutput(4, 1));
        Assert.Equal(script, MarkerPayloadEncoder.EncodeScript(found.Marker));
    }

    public static TheoryData<string, ulong[], string> PythonRoundTrip() => new()
    {
        // oa-py-payload-roundtrip (OpenAssets/openassets tests/test_protocol.py test_serialize_deserialize_payload_success)
        { "4f4101000205ac0206616263646566", [5, 300], Convert.ToHexStringLower("abcdef"u8) },
        { "4f410100fd0001" + string.Concat(Enumerable.Repeat("05", 256)) + "06616263646566", Enumerable.Repeat(5UL, 256).ToArray(), Convert.ToHexStringLower("abcdef"u8) },
        { "4f4101000105fd0001" + string.Concat(Enumerable.Repeat("01", 256)), [5], string.Concat(Enumerable.Repeat("01", 256)) },
        { "4f41010001ffffffffffffffff7f00", [long.MaxValue], "" },
        // oa-ruby-payload-vectors (haw/openassets-ruby spec/openassets/protocol/marker_output_spec.rb)
        { "4f41010001904e1b753d68747470733a2f2f6370722e736d2f35596753553150672d71", [10000], Convert.ToHexStringLower("u=https://cpr.sm/5YgSU1Pg-q"u8) },
        { "4f41010001904e00", [10000], "" },
        { "4f41010001904e10000102030405060708090a0b0c0d0e0f", [10000], "000102030405060708090a0b0c0d0e0f" },
        { "4f41010002014400", [1, 68], "" },
    };

    [Theory]
    [MemberData(nameof(PythonRoundTrip))]
    public void ReferencePayloads_DecodeAndEncodeToTheSameBytes(string payloadHex, ulong[] quantities, string metadataHex)
    {
        var payload = Hex(payloadHex);
        var decoded = MarkerPayloadDecoder.Decode(payload);

        Assert.True(decoded.IsSuccess, decoded.ErrorMessage);
        Assert.Equal(quantities, decoded.Value.Marker.Quantities.ToArray());
        Assert.Equal(metadataHex, Convert.ToHexStringLower(decoded.Value.Marker.Metadata.Span));
        Assert.Equal(payload, MarkerPayloadEncoder.EncodePayload(decoded.Value.Marker));
    }

    /// <summary>oa-py-payload-roundtrip: the vector file's own keys for the first and last entries match the bytes used above.</summary>
    [Fact]
    public void PythonRoundTripVector_KeysAreTheTestedBytes()
    {
        var keys = Expected("oa-py-payload-roundtrip").EnumerateObject().Select(p => p.Name.Replace(" ", "", StringComparison.Ordinal)).ToList();
        Assert.Contains("4f4101000205ac0206616263646566", keys);
        Assert.Contains("4f41010001ffffffffffffffff7f00", keys);
    }

    /// <summary>oa-py-payload-invalid (tests/test_protocol.py test_deserialize_payload_invalid): every entry fails.</summary>
    [Fact]
    public void PythonInvalidPayloads_AllFailWithTypedErrors()
    {
        var cases = Expected("oa-py-payload-invalid").GetProperty("all_of_these_fail_to_parse").EnumerateArray()
            .Select(e => e.GetString()!).ToList();
        Assert.Equal(10, cases.Count);
        var errors = new List<DecodeError>();
        foreach (var text in cases)
        {
            var hex = text[..text.IndexOf('(', StringComparison.Ordinal)];
            var result = MarkerPayloadDecoder.Decode(Hex(hex));
            Assert.False(result.IsSuccess, text);
            errors.Add(result.Error);
        }
        Assert.Equal(
            [DecodeError.NotThisProtocol, DecodeError.UnsupportedVersion, DecodeError.NotThisProtocol, DecodeError.Truncated,
             DecodeError.Truncated, DecodeError.Truncated, DecodeError.Truncated, DecodeError.TrailingBytes,
             DecodeError.Truncated, DecodeError.InvalidLeb128],
            errors);
    }

    /// <summary>oa-py-leb128 (tests/test_protocol.py test_leb128_encode_decode_success / test_leb128_decode_invalid).</summary>
    [Fact]
    public void Leb128Vectors_DecodeAsSingleQuantities()
    {
        foreach (var entry in Expected("oa-py-leb128").EnumerateObject())
        {
            var value = entry.Value.GetString()!;
            if (entry.Name == "decode e58e")
            {
                var truncated = MarkerPayloadDecoder.Decode(Hex("4f41010001e58e"));
                Assert.Equal(DecodeError.Truncated, truncated.Error);
                continue;
            }
            var result = MarkerPayloadDecoder.Decode(Hex("4f41010001" + value + "00"));
            if (entry.Name.StartsWith("18446744073709551616", StringComparison.Ordinal))
            {
                // 2^64 needs 10 LEB128 bytes: "If the LEB128-encoded asset quantity of any output exceeds 9 bytes ... invalid"
                Assert.Equal(DecodeError.InvalidLeb128, result.Error);
                continue;
            }
            Assert.True(result.IsSuccess, entry.Name);
            Assert.Equal(ulong.Parse(entry.Name), Assert.Single(result.Value.Marker.Quantities));
            Assert.Equal(value.Length / 2, MarkerPayloadEncoder.Leb128Length(ulong.Parse(entry.Name)));
        }
    }

    /// <summary>oa-ruby-payload-vectors: quantity counts 252, 253 and 10000 are written as fc, fd fd00 and fd 1027.</summary>
    [Theory]
    [InlineData(252, "fc")]
    [InlineData(253, "fdfd00")]
    [InlineData(10000, "fd1027")]
    public void QuantityCount_IsAVarInt(int count, string countHex)
    {
        var payload = MarkerPayloadEncoder.EncodePayload(OpenAssetsMarker.Create(Enumerable.Repeat(4UL, count)));
        Assert.Equal("4f410100" + countHex, Convert.ToHexStringLower(payload.AsSpan(0, 4 + countHex.Length / 2)));
        Assert.Equal(count, MarkerPayloadDecoder.Decode(payload).Value!.Marker.Quantities.Length);
    }

    /// <summary>Decision (docs/openassets.md "Var-integers"): a non-canonical var-int is malformed, as in Bitcoin Core and NBitcoin.</summary>
    [Theory]
    [InlineData("4f410100fd000000", 4)]          // count 0 written as fd 0000
    [InlineData("4f410100fe0000000000", 4)]      // count 0 written as fe 00000000
    [InlineData("4f41010000fd0000", 5)]          // metadata length 0 written as fd 0000
    public void NonCanonicalVarInt_IsRejected(string payloadHex, int offset)
    {
        var result = MarkerPayloadDecoder.Decode(Hex(payloadHex));
        Assert.False(result.IsSuccess);
        Assert.Equal(DecodeError.InvalidVarInt, result.Error);
        Assert.Equal(offset, result.ErrorOffset);
    }

    /// <summary>
    /// Decision (docs/openassets.md "LEB128 length"): a 10-byte LEB128 is rejected even when its value fits, because
    /// the spec says "If the LEB128-encoded asset quantity of any output exceeds 9 bytes, the transaction is deemed
    /// invalid". NBitcoin accepts "80808080808080808000" (zero in 10 bytes); the Python reference accepts any length.
    /// </summary>
    [Fact]
    public void TenByteLeb128_IsRejectedEvenWhenTheValueFits()
    {
        var tenBytes = MarkerPayloadDecoder.Decode(Hex("4f41010001" + "80808080808080808000" + "00"));
        Assert.Equal(DecodeError.InvalidLeb128, tenBytes.Error);
        Assert.Equal(5, tenBytes.ErrorOffset);

        var nineBytes = MarkerPayloadDecoder.Decode(Hex("4f41010001" + "808080808080808000" + "00"));
        Assert.True(nineBytes.IsSuccess); // a padded (non-minimal) encoding within 9 bytes is still a valid quantity
        Assert.Equal(0UL, Assert.Single(nineBytes.Value.Marker.Quantities));
    }

    [Fact]
    public void Encoder_RefusesQuantitiesAboveTheMaximum()
    {
        var marker = OpenAssetsMarker.Create([(ulong)long.MaxValue + 1]);
        Assert.Equal(-1, MarkerPayloadEncoder.GetPayloadLength(marker));
        Assert.False(MarkerPayloadEncoder.TryWritePayload(marker, new byte[64], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarkerPayloadEncoder.EncodePayload(marker));
    }

    [Fact]
    public void Encoder_ChoosesTheSmallestPushOpcode()
    {
        // Python reference test_build_script: 76 bytes -> OP_PUSHDATA1, 256 bytes -> OP_PUSHDATA2.
        var small = MarkerPayloadEncoder.EncodeScript(OpenAssetsMarker.Create([], new byte[70])); // payload 4+1+1+70 = 76
        Assert.Equal([0x6a, 0x4c, 76], small[..3]);
        var large = MarkerPayloadEncoder.EncodeScript(OpenAssetsMarker.Create([], new byte[300])); // 4+1+3+300 = 308
        Assert.Equal([0x6a, 0x4d, 0x34, 0x01], large[..4]);
        Assert.True(MarkerScriptParser.TryParse(large, out var parsed));
        Assert.Equal(300, parsed.Marker.Metadata.Length);
        Assert.Equal(Encoding.ASCII.GetBytes("OA"), large[4..6]);
    }
}
