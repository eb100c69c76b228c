using CsCheck;
using Explorer.Protocols.OpenAssets;
using NBitcoin;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// Properties of the Open Assets decoders: any bytes give a typed result and never an exception; encoding then
/// decoding gives back the marker; field ranges tile the payload.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#marker-output
/// </summary>
[Trait("Category", "Unit")]
public class MarkerPropertyTests
{
    private static readonly Gen<ulong> Quantity = Gen.Frequency(
        (4, Gen.ULong[0, 300]), (2, Gen.ULong[0, long.MaxValue]), (1, Gen.Const((ulong)long.MaxValue)));

    private static readonly Gen<OpenAssetsMarker> Marker =
        Gen.Select(Quantity.Array[0, 300], Gen.Byte.Array[0, 600],
            (q, m) => OpenAssetsMarker.Create(q, m));

    private static readonly byte[][] Prefixes = [[], [0x6a], [0x6a, 0x4c], [0x6a, 0x4d], [0x6a, 0x4e], [0x6a, 0x10], [0x4f, 0x41, 0x01, 0x00]];

    /// <summary>Bytes that often look like a marker: OP_RETURN, a push opcode, the OA tag, version, a count...</summary>
    private static readonly Gen<byte[]> MarkerLike = Gen.Select<byte[], byte[], bool, byte[]>(
        Gen.Int[0, Prefixes.Length - 1].Select(i => Prefixes[i]),
        Gen.Byte.Array[0, 40], Gen.Bool,
        (prefix, rest, tag) => tag ? [.. prefix, 0x4f, 0x41, 0x01, 0x00, .. rest] : [.. prefix, .. rest]);

    private static readonly Gen<byte[]> AnyBytes = Gen.Frequency((1, Gen.Byte.Array[0, 120]), (2, MarkerLike));

    [Fact]
    public void AnyBytes_GiveATypedResult_NeverAnException() =>
        AnyBytes.Sample(bytes =>
        {
            var payload = MarkerPayloadDecoder.Decode(bytes);
            Assert.True(payload.IsSuccess || (payload.ErrorOffset >= 0 && payload.ErrorOffset <= bytes.Length));
            var script = MarkerScriptParser.Parse(bytes);
            Assert.True(script.IsSuccess || script.ErrorOffset >= 0);
            if (script.IsSuccess) Assert.True(script.Value.Ranges.Metadata.End <= bytes.Length);
            if (AssetDefinitionPointer.TryParse(bytes, out var pointer)) Assert.NotEmpty(pointer.Url);
            if (RedeemScriptPointer.TryFromScriptSig(bytes, out var redeem)) Assert.True(redeem.RedeemRange.End <= bytes.Length);
            var tx = TestTransactions.Build(1, 2, -1, []);
            tx.Outputs[1].ScriptPubKey = new Script(bytes);
            var colored = OpenAssetsColorizer.Colorize(tx, [null], null);
            Assert.Equal(2, colored.Outputs.Length);
        }, iter: 20_000);

    [Fact]
    public void AnyStrings_AreSafeForIdsAndAddresses() =>
        Gen.String.Sample(s =>
        {
            if (OaAssetId.TryParse(s, out var id, out var testnet)) Assert.Equal(s, id.ToBase58(testnet));
            if (ColoredAddress.TryFromAddress(s, out var colored)) Assert.True(ColoredAddress.TryToAddress(colored, out _));
            if (ColoredAddress.TryToAddress(s, out var plain)) Assert.NotEmpty(plain);
        }, iter: 5_000);

    [Fact]
    public void EncodeThenDecode_IsIdentity() =>
        Marker.Sample(marker =>
        {
            var script = MarkerPayloadEncoder.EncodeScript(marker);
            Assert.True(MarkerScriptParser.TryParse(script, out var found));
            Assert.Equal(marker.Version, found.Marker.Version);
            Assert.Equal(marker.Quantities.ToArray(), found.Marker.Quantities.ToArray());
            Assert.Equal(marker.Metadata.ToArray(), found.Marker.Metadata.ToArray());

            // The field ranges tile the payload with no gap and no overlap.
            var r = found.Ranges;
            var spans = new[] { r.Tag, r.Version, r.QuantityCount }.Concat(r.Quantities).Append(r.MetadataLength).Append(r.Metadata).ToList();
            Assert.Equal(found.Payload.Offset, spans[0].Offset);
            for (var i = 1; i < spans.Count; i++) Assert.Equal(spans[i - 1].End, spans[i].Offset);
            Assert.Equal(found.Payload.End, spans[^1].End);
            Assert.Equal(script.Length, found.Payload.End);

            // Payload bytes written into a span equal the allocated encoding.
            var buffer = new byte[MarkerPayloadEncoder.GetPayloadLength(marker) + 3];
            Assert.True(MarkerPayloadEncoder.TryWritePayload(marker, buffer, out var written));
            Assert.Equal(MarkerPayloadEncoder.EncodePayload(marker), buffer[..written]);
            Assert.False(MarkerPayloadEncoder.TryWritePayload(marker, new byte[written - 1], out _));
        }, iter: 2_000);

    [Fact]
    public void DecodeThenEncode_IsIdentity_ForCanonicalPayloads() =>
        AnyBytes.Sample(bytes =>
        {
            var decoded = MarkerPayloadDecoder.Decode(bytes);
            if (!decoded.IsSuccess) return;
            // Canonical var-ints are enforced; LEB128 may be padded within 9 bytes, so compare after re-encoding once.
            var encoded = MarkerPayloadEncoder.EncodePayload(decoded.Value.Marker);
            Assert.Equal(encoded, MarkerPayloadEncoder.EncodePayload(MarkerPayloadDecoder.Decode(encoded).Value!.Marker));
        }, iter: 20_000);
}
