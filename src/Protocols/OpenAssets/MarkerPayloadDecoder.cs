using System.Collections.Immutable;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// Decodes the Open Assets payload carried by a marker output's PUSHDATA.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#marker-output
/// <code>
/// OAP marker (2: 0x4f 0x41) | version (2: 0x01 0x00) | asset quantity count (var-int)
/// | asset quantity list (count x LEB128) | metadata length (var-int) | metadata
/// </code>
/// Pure and allocation-light; malformed input gives a typed <see cref="DecodeError"/>, never an exception.
/// </summary>
public static class MarkerPayloadDecoder
{
    /// <summary>"OAP marker: A tag indicating that this transaction is an Open Assets transaction. It is always 0x4f41."</summary>
    public const byte TagByte0 = 0x4F;
    public const byte TagByte1 = 0x41;

    /// <summary>"Version number: ... For this version, it is 1 (0x0100)." The bytes 01 00 read as a little-endian ushort.</summary>
    public const ushort Version1 = 0x0001;

    /// <summary>"The maximum valid asset quantity for an output is 2^63 - 1 units."</summary>
    public const ulong MaxQuantity = long.MaxValue;

    /// <summary>"If the LEB128-encoded asset quantity of any output exceeds 9 bytes, the transaction is deemed invalid."</summary>
    public const int MaxLeb128Bytes = 9;

    /// <summary>Tag + version + a one-byte count + a one-byte metadata length.</summary>
    public const int MinPayloadLength = 6;

    /// <summary>Cheap prefix check, before any allocation: does this push start with the OA tag?</summary>
    public static bool HasTag(ReadOnlySpan<byte> payload) =>
        payload.Length >= 2 && payload[0] == TagByte0 && payload[1] == TagByte1;

    /// <param name="payload">The bytes of the PUSHDATA.</param>
    /// <param name="rangeOffset">Added to every field range, e.g. where the payload sits in its script (error offsets
    /// stay relative to the payload).</param>
    public static DecodeResult<MarkerPayload> Decode(ReadOnlySpan<byte> payload, int rangeOffset = 0)
    {
        // "OAP marker ... It is always 0x4f41."
        if (!HasTag(payload))
            return DecodeResult<MarkerPayload>.Fail(DecodeError.NotThisProtocol, 0, "no OA tag (0x4f41)");
        var reader = new SpanReader(payload);
        reader.TryReadBytes(2, out _);

        // "Version number: The major revision number of the Open Assets Protocol. For this version, it is 1 (0x0100)."
        if (!reader.TryReadUInt16LittleEndian(out var version))
            return DecodeResult<MarkerPayload>.Fail(DecodeError.Truncated, reader.Position, "version");
        if (version != Version1)
            return DecodeResult<MarkerPayload>.Fail(DecodeError.UnsupportedVersion, 2, $"version bytes {payload[2]:x2}{payload[3]:x2}, expected 0100");

        // "Asset quantity count: A var-integer representing the number of items in the asset quantity list field."
        var countStart = reader.Position;
        var countError = TryReadVarInt(ref reader, out var count);
        if (countError != DecodeError.None)
            return DecodeResult<MarkerPayload>.Fail(countError, countStart, VarIntProblem("asset quantity count", countError));
        var countSpan = new FieldSpan(rangeOffset + countStart, reader.Position - countStart);
        // Every LEB128 quantity takes at least one byte: reject impossible counts before allocating.
        if (count > (ulong)reader.Remaining)
            return DecodeResult<MarkerPayload>.Fail(DecodeError.Truncated, countStart, $"{count} quantities announced, {reader.Remaining} bytes left");

        var quantities = ImmutableArray.CreateBuilder<ulong>((int)count);
        var quantitySpans = ImmutableArray.CreateBuilder<FieldSpan>((int)count);
        for (var i = 0; i < (int)count; i++)
        {
            var start = reader.Position;
            var error = TryReadQuantity(ref reader, out var quantity);
            if (error != DecodeError.None)
                return DecodeResult<MarkerPayload>.Fail(error, start, error == DecodeError.InvalidLeb128
                    ? $"quantity {i}: LEB128 longer than {MaxLeb128Bytes} bytes"
                    : $"quantity {i}: truncated LEB128");
            quantities.Add(quantity);
            quantitySpans.Add(new FieldSpan(rangeOffset + start, reader.Position - start));
        }

        // "Metadata length: The var-integer encoded length of the metadata field."
        var lengthStart = reader.Position;
        var lengthError = TryReadVarInt(ref reader, out var metadataLength);
        if (lengthError != DecodeError.None)
            return DecodeResult<MarkerPayload>.Fail(lengthError, lengthStart, VarIntProblem("metadata length", lengthError));
        if (metadataLength > (ulong)reader.Remaining)
            return DecodeResult<MarkerPayload>.Fail(DecodeError.Truncated, lengthStart, $"metadata length {metadataLength}, {reader.Remaining} bytes left");
        var metadataStart = reader.Position;
        reader.TryReadBytes((int)metadataLength, out var metadata);

        // A malformed marker is not a marker: every byte of the payload must belong to a field
        // (Python reference: "If there are bytes left to read, the marker output is malformed").
        if (!reader.End)
            return DecodeResult<MarkerPayload>.Fail(DecodeError.TrailingBytes, reader.Position, $"{reader.Remaining} bytes after the metadata");

        var ranges = new MarkerFieldRanges(
            new FieldSpan(rangeOffset, 2), new FieldSpan(rangeOffset + 2, 2), countSpan, quantitySpans.MoveToImmutable(),
            new FieldSpan(rangeOffset + lengthStart, metadataStart - lengthStart), new FieldSpan(rangeOffset + metadataStart, (int)metadataLength));
        var marker = new OpenAssetsMarker(version, quantities.MoveToImmutable(), metadata.ToArray());
        return DecodeResult<MarkerPayload>.Ok(new MarkerPayload(marker, ranges));
    }

    private static string VarIntProblem(string field, DecodeError error) =>
        error == DecodeError.InvalidVarInt ? field + ": non-canonical var-int" : field + ": truncated var-int";

    /// <summary>
    /// Bitcoin's var-integer (CompactSize) in its canonical, shortest form, as Bitcoin Core's ReadCompactSize
    /// enforces ("non-canonical ReadCompactSize()") and NBitcoin does; docs/openassets.md explains the choice.
    /// </summary>
    private static DecodeError TryReadVarInt(ref SpanReader reader, out ulong value)
    {
        var start = reader.Position;
        if (!reader.TryReadCompactSize(out value)) return DecodeError.Truncated;
        // A value that fits a shorter form must use it.
        return reader.Position - start == MarkerPayloadEncoder.CompactSizeLength(value) ? DecodeError.None : DecodeError.InvalidVarInt;
    }

    /// <summary>
    /// Unsigned LEB128 of at most 9 bytes. Nine groups of 7 bits hold 63 bits, so every accepted value is at most
    /// 2^63 - 1 and the spec's two limits (9 bytes, 2^63 - 1) are the same rule.
    /// </summary>
    private static DecodeError TryReadQuantity(ref SpanReader reader, out ulong value)
    {
        value = 0;
        for (var i = 0; ; i++)
        {
            // "If the LEB128-encoded asset quantity of any output exceeds 9 bytes, the transaction is deemed invalid"
            if (i == MaxLeb128Bytes) return DecodeError.InvalidLeb128;
            if (!reader.TryReadByte(out var b)) return DecodeError.Truncated;
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) break;
        }
        // "The maximum valid asset quantity for an output is 2^63 - 1 units." (guaranteed by the 9-byte limit)
        return value <= MaxQuantity ? DecodeError.None : DecodeError.Overflow;
    }
}
