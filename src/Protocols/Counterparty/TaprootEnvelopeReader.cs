using System.Formats.Cbor;
using Explorer.Protocols.Common;
using NBitcoin;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Taproot envelope data (from taproot_support, mainnet 902000; ../shared/docs/protocols.md 3.4): the reveal
/// transaction's OP_RETURN holds a plain prefix push and input 0's witness[1] is the leaf script
/// <c>OP_FALSE OP_IF ... OP_ENDIF &lt;key&gt; OP_CHECKSIG</c>. A generic envelope's data is the concatenation of the
/// pushes inside; the ordinals form (<c>"ord" 0x07 "xcp" 0x01 mime [0x05 metadata]* OP_0 content*</c>) carries CBOR
/// metadata <c>[type_id, fields...]</c> (or, from ordinals_metadata_support, a map whose "xcp" key holds it), rebuilt as
/// <c>type_id byte || cbor(fields + [mime] + [content])</c> (counterparty-rs bitcoin_client.rs extract_data_from_witness).
/// </summary>
internal static class TaprootEnvelopeReader
{
    public static DecodeResult<XcpChunk> Read(Transaction tx, CounterpartyRules rules, int h)
    {
        var witness = tx.Inputs[0].WitScript;
        if (witness is null || witness.PushCount < 2)
            return DecodeResult<XcpChunk>.Fail(DecodeError.Malformed, 0, "reveal input has no envelope in its witness");
        var script = witness[1];
        var ops = new List<ScriptOp>();
        if (!ScriptOps.TryParse(script, ops) || ops.Count < 5 || ops[0].Opcode != ScriptOps.OpFalse || ops[1].Opcode != ScriptOps.OpIf
            || ops[^3].Opcode != ScriptOps.OpEndIf || !ops[^2].IsPush || ops[^1].Opcode != ScriptOps.OpCheckSig)
            return DecodeResult<XcpChunk>.Fail(DecodeError.InvalidScript, 0, "witness[1] is not an OP_FALSE OP_IF ... OP_ENDIF <key> OP_CHECKSIG envelope");
        var body = ops.GetRange(2, ops.Count - 5);
        var location = "input[0].witness[1]";
        bool IsPush(int i, ReadOnlySpan<byte> value) =>
            i < body.Count && body[i].IsPush && script.AsSpan(body[i].DataOffset, body[i].DataLength).SequenceEqual(value);
        var isOrd = IsPush(0, "ord"u8) && IsPush(1, [7]);
        if (!isOrd)
        {
            var data = new List<byte>();
            var ranges = System.Collections.Immutable.ImmutableArray.CreateBuilder<ByteSpan>();
            foreach (var op in body.Where(o => o.IsPush))
            {
                data.AddRange(script.AsSpan(op.DataOffset, op.DataLength));
                ranges.Add(new ByteSpan(op.DataOffset, op.DataLength));
            }
            var bytes = data.ToArray();
            return DecodeResult<XcpChunk>.Ok(new XcpChunk(XcpCarrier.Taproot, location, ranges.ToImmutable(), bytes, bytes, 0, bytes.Length));
        }
        if (body.Count < 5) return DecodeResult<XcpChunk>.Fail(DecodeError.Truncated, 0, "ordinals envelope without metadata");
        var mime = body[4].IsPush ? Utf8OrEmpty(script.AsSpan(body[4].DataOffset, body[4].DataLength)) : string.Empty;
        var metadata = new List<byte>();
        var content = new List<byte>();
        var section = 0;
        for (var i = 5; i < body.Count; i++)
        {
            var op = body[i];
            if (!op.IsPush) continue;
            var p = script.AsSpan(op.DataOffset, op.DataLength);
            if (p.Length == 1 && p[0] == 5) { section = 1; continue; }
            if (p.Length == 0 || (p.Length == 1 && p[0] == 0)) { section = 2; continue; }
            if (section == 1) metadata.AddRange(p);
            else if (section == 2) content.AddRange(p);
        }
        if (metadata.Count == 0) return DecodeResult<XcpChunk>.Fail(DecodeError.Truncated, 0, "ordinals envelope without metadata");
        var rebuilt = Rebuild([.. metadata], mime, [.. content], h >= rules.OrdinalsMetadataSupport);
        if (!rebuilt.IsSuccess) return DecodeResult<XcpChunk>.Fail(rebuilt.Error, rebuilt.ErrorOffset, rebuilt.Detail);
        var raw = script;
        return DecodeResult<XcpChunk>.Ok(new XcpChunk(XcpCarrier.Taproot, location, [new ByteSpan(0, raw.Length)], raw,
            rebuilt.Value, 0, rebuilt.Value.Length));
    }

    private static DecodeResult<byte[]> Rebuild(byte[] metadata, string mime, byte[] content, bool allowMap)
    {
        try
        {
            var reader = new CborReader(metadata, CborConformanceMode.Lax);
            if (allowMap && reader.PeekState() == CborReaderState.StartMap)
            {
                var count = reader.ReadStartMap();
                byte[]? found = null;
                for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
                {
                    var isXcp = reader.PeekState() == CborReaderState.TextString && reader.ReadTextString() == "xcp";
                    if (!isXcp && reader.PeekState() != CborReaderState.TextString) reader.SkipValue();
                    var value = reader.ReadEncodedValue().ToArray();
                    if (isXcp) found = value; // duplicate keys: last write wins
                }
                if (found is null) return DecodeResult<byte[]>.Fail(DecodeError.InvalidCbor, 0, "ordinals metadata map has no \"xcp\" array");
                reader = new CborReader(found, CborConformanceMode.Lax);
            }
            if (reader.PeekState() != CborReaderState.StartArray)
                return DecodeResult<byte[]>.Fail(DecodeError.InvalidCbor, 0, "ordinals metadata is not a CBOR array");
            var length = reader.ReadStartArray();
            var items = new List<byte[]>();
            while (length is null ? reader.PeekState() != CborReaderState.EndArray : items.Count < length)
                items.Add(reader.ReadEncodedValue().ToArray());
            if (items.Count == 0) return DecodeResult<byte[]>.Fail(DecodeError.InvalidCbor, 0, "ordinals metadata array is empty");
            var idReader = new CborReader(items[0]);
            if (idReader.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
                return DecodeResult<byte[]>.Fail(DecodeError.InvalidCbor, 0, "ordinals metadata has no message type id");
            var typeByte = (byte)(idReader.ReadInt64() & 0xff); // "id as u8"
            var writer = new CborWriter(CborConformanceMode.Lax);
            writer.WriteStartArray(items.Count - 1 + 1 + (content.Length > 0 ? 1 : 0));
            foreach (var item in items.Skip(1)) writer.WriteEncodedValue(item);
            writer.WriteTextString(mime);
            if (content.Length > 0) writer.WriteByteString(content);
            writer.WriteEndArray();
            return DecodeResult<byte[]>.Ok([typeByte, .. writer.Encode()]);
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException)
        {
            return DecodeResult<byte[]>.Fail(DecodeError.InvalidCbor, 0, "ordinals metadata is not valid CBOR: " + ex.Message);
        }
    }

    private static string Utf8OrEmpty(ReadOnlySpan<byte> bytes)
    {
        try { return new System.Text.UTF8Encoding(false, true).GetString(bytes); }
        catch (System.Text.DecoderFallbackException) { return string.Empty; }
    }
}
