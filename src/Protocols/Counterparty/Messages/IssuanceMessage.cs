using Explorer.Protocols.Common;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Issuance and subasset issuance (IDs 20/22 and 21/23) in every era of counterparty-core lib/messages/issuance.py
/// unpack: "&gt;QQ?" (17 bytes) before issuance_format_update (283272); "&gt;QQ??If" (26) with a Pascal-string description
/// of at most 42 bytes until pascal_string_removed (745825); "&gt;QQ???" (19) from cip03 (753500; testnet3 also 27 and
/// 28); subassets "&gt;QQ?B" (18) then "&gt;QQ???B" (20) + compacted longname + description; from taproot_support the
/// CBOR arrays [asset_id, quantity, divisible, lock, reset, (compacted_length, compacted_longname,) mime_type, description].
/// </summary>
internal static class IssuanceMessage
{
    public static DecodeResult<bool> Decode(ReadOnlySpan<byte> m, FieldList f, int typeId, CounterpartyRules rules, int h)
    {
        var result = DecodeBody(m, f, typeId, rules, h);
        if (!result.IsSuccess) return result;
        // unpack always returns the same keys: what a layout lacks takes the reference's value.
        var oldest = m.Length == 17 && typeId is MessageTypes.Issuance or MessageTypes.LrIssuance;
        f.Default("subasset_longname", null);
        f.Default("lock", oldest ? false : null);
        f.Default("reset", oldest ? false : null);
        f.Default("callable", false);
        f.Default("call_date", 0L);
        f.Default("call_price", 0.0);
        f.Default("description", string.Empty);
        f.Default("mime_type", "text/plain");
        return result;
    }

    private static DecodeResult<bool> DecodeBody(ReadOnlySpan<byte> m, FieldList f, int typeId, CounterpartyRules rules, int h)
    {
        var subasset = typeId is MessageTypes.SubassetIssuance or MessageTypes.LrSubassetIssuance;
        var numeric = h >= rules.NumericAssetNames;
        if (h >= rules.TaprootSupport && CborItems.TryRead(m, out var c) && c.Count == (subasset ? 9 : 7))
            return Cbor(c, f, subasset);
        if (subasset)
        {
            // "if not protocol.enabled('subassets'): raise UnpackError"
            if (h < rules.Subassets) return DecodeResult<bool>.Fail(DecodeError.UnsupportedVersion, 0, "subassets are not enabled at this height");
            var length = rules.SubassetLength(h);
            if (m.Length < length) return StructMessages.Length(m, length);
            var pos = 17;
            Common(m, f, numeric);
            if (length == 20) { f.Add("lock", m[pos] != 0, pos, 1); pos++; }
            if (length >= 19) { f.Add("reset", m[pos] != 0, pos, 1); pos++; }
            var compactedLength = m[pos];
            f.Add("compacted_subasset_length", (long)compactedLength, pos, 1);
            pos++;
            // "description_length = len(message) - subasset_format_length - compacted_subasset_length; < 0: UnpackError"
            if (m.Length - length - compactedLength < 0)
                return DecodeResult<bool>.Fail(DecodeError.Truncated, pos, "compacted subasset longname longer than the message");
            var longname = AssetNames.ExpandSubassetLongname(m.Slice(pos, compactedLength));
            f.Add("subasset_longname", longname.IsSuccess ? longname.Value : null, pos, compactedLength);
            pos += compactedLength;
            Description(m[pos..], f, pos, rules, h, pascal: false);
            return longname.IsSuccess ? StructMessages.Ok : DecodeResult<bool>.Fail(longname.Error, pos, longname.Detail);
        }
        var formatLength = rules.IssuanceLength(h);
        if (h >= rules.IssuanceFormatUpdate && m.Length >= formatLength)
        {
            Common(m, f, numeric);
            var pos = 17;
            if (formatLength is 19 or 28) { f.Add("lock", m[pos] != 0, pos, 1); pos++; }
            if (formatLength is 19 or 27 or 28) { f.Add("reset", m[pos] != 0, pos, 1); pos++; }
            if (formatLength >= 26)
            {
                f.Add("callable", m[pos] != 0, pos, 1);
                f.Add("call_date", (long)FieldList.U32(m, pos + 1), pos + 1, 4);
                f.Add("call_price", Math.Round((double)FieldList.F32(m, pos + 5), 6), pos + 5, 4);
                pos += 9;
            }
            // "if (len(message) - asset_format_length <= 42) and not pascal_string_removed: Pascal string"
            Description(m[pos..], f, pos, rules, h, pascal: m.Length - formatLength <= 42 && h < rules.PascalStringRemoved);
            return StructMessages.Ok;
        }
        // "if len(message) != LENGTH_1: raise UnpackError" (">QQ?")
        if (m.Length != 17) return StructMessages.Length(m, h >= rules.IssuanceFormatUpdate ? formatLength : 17);
        Common(m, f, numeric);
        return StructMessages.Ok;
    }

    private static void Common(ReadOnlySpan<byte> m, FieldList f, bool numeric)
    {
        var id = FieldList.U64(m, 0);
        f.Add("asset_id", id, 0, 8);
        f.Asset("asset", id, numeric, 0);
        f.Add("quantity", FieldList.U64(m, 8), 8, 8);
        f.Add("divisible", m[16] != 0, 16, 1);
    }

    /// <summary>Python struct "p" (Pascal string: length byte clamped to the field) or "s"; then
    /// <c>.decode("utf-8")</c>, where undecodable bytes give "" except the 0xc0 "NULL" mark (description None).</summary>
    private static void Description(ReadOnlySpan<byte> rest, FieldList f, int pos, CounterpartyRules rules, int h, bool pascal)
    {
        var start = 0;
        var length = rest.Length;
        if (pascal && rest.Length > 0)
        {
            length = Math.Min(rest[0], rest.Length - 1);
            start = 1;
        }
        var bytes = rest.Slice(start, length);
        var text = FieldList.Utf8(bytes);
        if (text is null)
            text = h >= rules.IssuanceDescriptionSpecialNull && bytes.Length > 0 && bytes[0] == 0xc0 && bytes[1..].SequenceEqual("NULL"u8) ? null : string.Empty;
        f.Add("description", text, pos + start, length);
        f.Add("mime_type", "text/plain", pos, 0);
    }

    private static DecodeResult<bool> Cbor(CborItems c, FieldList f, bool subasset)
    {
        if (!c.TryUInt(0, out var id) || !c.TryUInt(1, out var quantity) || !c.TryBool(2, out var divisible)
            || !c.TryBool(3, out var lockFlag) || !c.TryBool(4, out var reset))
            return DecodeResult<bool>.Fail(DecodeError.InvalidCbor, 0, "issuance CBOR items have the wrong types");
        f.Add("asset_id", id, c.OffsetOf(0), c.LengthOf(0));
        f.Add("asset", AssetNames.TryGetName(id, true, out var name) ? name : null, c.OffsetOf(0), c.LengthOf(0));
        f.Add("quantity", quantity, c.OffsetOf(1), c.LengthOf(1));
        f.Add("divisible", divisible, c.OffsetOf(2), c.LengthOf(2));
        f.Add("lock", lockFlag, c.OffsetOf(3), c.LengthOf(3));
        f.Add("reset", reset, c.OffsetOf(4), c.LengthOf(4));
        var next = 5;
        if (subasset)
        {
            if (!c.TryUInt(5, out var compactedLength) || !c.TryBytes(6, out var compacted))
                return DecodeResult<bool>.Fail(DecodeError.InvalidCbor, c.OffsetOf(5), "subasset CBOR items have the wrong types");
            var longname = AssetNames.ExpandSubassetLongname(compacted);
            f.Add("compacted_subasset_length", compactedLength, c.OffsetOf(5), c.LengthOf(5));
            f.Add("subasset_longname", longname.IsSuccess ? longname.Value : null, c.OffsetOf(6), c.LengthOf(6));
            next = 7;
        }
        var mime = c.TryText(next, out var mt) && mt.Length > 0 ? mt : "text/plain";
        string? description = null;
        if (!c.IsNull(next + 1) && c.TryBytes(next + 1, out var desc))
            description = mime.StartsWith("text", StringComparison.Ordinal) ? FieldList.Utf8(desc) ?? FieldList.Hex(desc) : FieldList.Hex(desc);
        f.Add("description", description, c.OffsetOf(next + 1), c.LengthOf(next + 1));
        f.Add("mime_type", mime, c.OffsetOf(next), c.LengthOf(next));
        return StructMessages.Ok;
    }
}
