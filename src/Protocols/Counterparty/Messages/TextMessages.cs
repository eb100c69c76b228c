using System.Globalization;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Broadcast (broadcast.py "&gt;IdI" + text: Pascal string of at most 52 bytes before broadcast_pack_text, then a
/// var-int length; CBOR [timestamp, value, fee_fraction_int, mime_type, text] from taproot_support) and the
/// "|"-separated UTF-8 messages: fairminter, fairmint, utxo ("source|destination|asset|quantity"), attach
/// ("asset|quantity|destination_vout") and detach ("destination").
/// </summary>
internal static class TextMessages
{
    public static DecodeResult<bool> Broadcast(ReadOnlySpan<byte> m, FieldList f, CounterpartyRules rules, int h)
    {
        if (h >= rules.TaprootSupport && CborItems.TryRead(m, out var c) && c.Count == 5)
        {
            if (!c.TryUInt(0, out var ts) || !c.TryDouble(1, out var value) || !c.TryUInt(2, out var fee))
                return DecodeResult<bool>.Fail(DecodeError.InvalidCbor, 0, "broadcast CBOR items have the wrong types");
            var mime = c.TryText(3, out var mt) && mt.Length > 0 ? mt : "text/plain";
            f.Add("timestamp", ts, c.OffsetOf(0), c.LengthOf(0));
            f.Add("value", value, c.OffsetOf(1), c.LengthOf(1));
            f.Add("fee_fraction_int", fee, c.OffsetOf(2), c.LengthOf(2));
            string? text = null;
            if (c.TryBytes(4, out var raw)) text = mime.StartsWith("text", StringComparison.Ordinal) ? FieldList.Utf8(raw) ?? FieldList.Hex(raw) : FieldList.Hex(raw);
            f.Add("text", text, c.OffsetOf(4), c.LengthOf(4));
            f.Add("mime_type", mime, c.OffsetOf(3), c.LengthOf(3));
            return StructMessages.Ok;
        }
        if (m.Length < 16) return StructMessages.Length(m, 16);
        f.Add("timestamp", (long)FieldList.U32(m, 0), 0, 4);
        f.Add("value", FieldList.F64(m, 4), 4, 8);
        f.Add("fee_fraction_int", (long)FieldList.U32(m, 12), 12, 4);
        var rest = m[16..];
        f.Add("mime_type", "text/plain", 16, 0);
        if (h >= rules.BroadcastPackText)
        {
            // "textlen = VarIntSerializer.deserialize(rawtext); text = rawtext[-textlen:]; assert len(text) == textlen"
            var reader = new SpanReader(rest);
            if (!reader.TryReadCompactSize(out var textLength))
                return DecodeResult<bool>.Fail(DecodeError.InvalidVarInt, 16, "could not unpack text length");
            if (textLength == 0) { f.Add("text", string.Empty, 16 + reader.Position, 0); return StructMessages.Ok; }
            if (textLength > (ulong)rest.Length)
                return DecodeResult<bool>.Fail(DecodeError.InvalidLength, 16, "could not unpack text");
            var n = (int)textLength;
            f.Add("text", FieldList.Utf8(rest[^n..]) ?? string.Empty, 16 + rest.Length - n, n);
            return StructMessages.Ok;
        }
        // "if len(message) - LENGTH <= 52: Pascal string, else plain bytes"
        if (rest.Length <= 52 && rest.Length > 0)
        {
            var n = Math.Min(rest[0], rest.Length - 1);
            f.Add("text", FieldList.Utf8(rest.Slice(1, n)) ?? string.Empty, 17, n);
        }
        else f.Add("text", FieldList.Utf8(rest) ?? string.Empty, 16, rest.Length);
        return StructMessages.Ok;
    }

    // "|" layouts of fairminter.py before the CBOR era: the first release (15 fields), then quantity_by_price
    // (16 fields, what the reference composes without fairminter_v2), then max_mint_per_address (17 fields);
    // the description is always last and may itself contain "|".
    private static readonly string[] Fairminter15 =
    [
        "asset", "asset_parent", "price", "max_mint_per_tx", "hard_cap", "premint_quantity", "start_block", "end_block",
        "soft_cap", "soft_cap_deadline_block", "minted_asset_commission", "burn_payment", "lock_description",
        "lock_quantity", "divisible",
    ];

    private static readonly string[] Fairminter16 =
    [
        "asset", "asset_parent", "price", "quantity_by_price", "max_mint_per_tx", "hard_cap", "premint_quantity", "start_block",
        "end_block", "soft_cap", "soft_cap_deadline_block", "minted_asset_commission", "burn_payment", "lock_description",
        "lock_quantity", "divisible",
    ];

    /// <summary>The CBOR array order (fairminter_test.py test_unpack) and the 17-field "|" layout.</summary>
    private static readonly string[] Fairminter17 =
    [
        "asset", "asset_parent", "price", "quantity_by_price", "max_mint_per_tx", "max_mint_per_address", "hard_cap",
        "premint_quantity", "start_block", "end_block", "soft_cap", "soft_cap_deadline_block", "minted_asset_commission",
        "burn_payment", "lock_description", "lock_quantity", "divisible",
    ];

    private static bool IsFlag(string name) => name is "burn_payment" or "lock_description" or "lock_quantity" or "divisible";

    /// <summary>"minted_asset_commission = D(minted_asset_commission_int) / D(1e8)"</summary>
    private static decimal Commission(long value) => value / 100000000m;

    public static DecodeResult<bool> Fairminter(ReadOnlySpan<byte> m, FieldList f, CounterpartyRules rules, int h)
    {
        if (h >= rules.TaprootSupport && CborItems.TryRead(m, out var c) && c.Count == 19)
        {
            for (var i = 0; i < 17; i++)
            {
                var name = Fairminter17[i];
                object value;
                if (IsFlag(name))
                {
                    if (!c.TryBool(i, out var flag)) return DecodeResult<bool>.Fail(DecodeError.InvalidCbor, c.OffsetOf(i), $"fairminter {name} is not a boolean");
                    value = flag;
                }
                else
                {
                    if (!c.TryUInt(i, out var v)) return DecodeResult<bool>.Fail(DecodeError.InvalidCbor, c.OffsetOf(i), $"fairminter {name} is not an integer");
                    // fairminter_v2 packs asset IDs; the parent is 0 when there is none.
                    value = i < 2 ? (v == 0 && i == 1 ? string.Empty : AssetNames.NameOrId(v))
                        : name == "minted_asset_commission" && v <= long.MaxValue ? Commission((long)v) : v;
                }
                f.Add(name, value, c.OffsetOf(i), c.LengthOf(i));
            }
            var mime = c.TryText(17, out var mt) && mt.Length > 0 ? mt : "text/plain";
            f.Add("mime_type", mime, c.OffsetOf(17), c.LengthOf(17));
            f.Add("description", c.TryBytes(18, out var d) ? FieldList.Utf8(d) ?? FieldList.Hex(d) : null, c.OffsetOf(18), c.LengthOf(18));
            return StructMessages.Ok;
        }
        if (!Split(m, out var parts, out var starts)) return NotUtf8();
        var names = parts.Count switch
        {
            17 => Fairminter16,
            18 => Fairminter17,
            >= 15 => Fairminter15,
            _ => null,
        };
        if (names is null) return DecodeResult<bool>.Fail(DecodeError.Malformed, m.Length, $"fairminter has {parts.Count} fields");
        for (var i = 0; i < names.Length; i++)
        {
            object? value = parts[i];
            if (i >= 2)
            {
                if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                    return DecodeResult<bool>.Fail(DecodeError.InvalidEncoding, starts[i], $"{names[i]} is not an integer");
                value = IsFlag(names[i]) ? n != 0 : names[i] == "minted_asset_commission" ? Commission(n) : n;
            }
            else if (h >= rules.FairminterV2 && ulong.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                value = i == 1 && id == 0 ? string.Empty : AssetNames.NameOrId(id);
            f.Add(names[i], value, starts[i], System.Text.Encoding.UTF8.GetByteCount(parts[i]));
        }
        // "description = '|'.join(data_content[15:]) if len(data_content) > 15 else ''"
        var descStart = parts.Count > names.Length ? starts[names.Length] : m.Length;
        f.Add("description", string.Join("|", parts.Skip(names.Length)), descStart, m.Length - descStart);
        return StructMessages.Ok;
    }

    public static DecodeResult<bool> Fairmint(ReadOnlySpan<byte> m, FieldList f, CounterpartyRules rules, int h)
    {
        if (h >= rules.TaprootSupport && CborItems.TryRead(m, out var c) && c.Count == 2 && c.TryUInt(0, out var id) && c.TryUInt(1, out var q))
        {
            f.Add("asset", AssetNames.NameOrId(id), c.OffsetOf(0), c.LengthOf(0));
            f.Add("quantity", q, c.OffsetOf(1), c.LengthOf(1));
            return StructMessages.Ok;
        }
        if (!Split(m, out var parts, out var starts)) return NotUtf8();
        // "(asset, quantity) = data_content"
        if (parts.Count != 2) return DecodeResult<bool>.Fail(DecodeError.Malformed, 0, $"fairmint needs 2 fields, got {parts.Count}");
        if (!long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
            return DecodeResult<bool>.Fail(DecodeError.InvalidEncoding, starts[1], "quantity is not an integer");
        f.Add("asset", parts[0], 0, starts[1] - 1);
        f.Add("quantity", quantity, starts[1], m.Length - starts[1]);
        return StructMessages.Ok;
    }

    public static DecodeResult<bool> Utxo(ReadOnlySpan<byte> m, FieldList f)
    {
        if (!Split(m, out var parts, out var starts)) return NotUtf8();
        if (parts.Count != 4) return DecodeResult<bool>.Fail(DecodeError.Malformed, 0, $"utxo needs 4 fields, got {parts.Count}");
        if (!long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
            return DecodeResult<bool>.Fail(DecodeError.InvalidEncoding, starts[3], "quantity is not an integer");
        f.Add("source", parts[0], 0, starts[1] - 1);
        f.Add("destination", parts[1].Length == 0 ? null : parts[1], starts[1], starts[2] - starts[1] - 1);
        f.Add("asset", parts[2], starts[2], starts[3] - starts[2] - 1);
        f.Add("quantity", quantity, starts[3], m.Length - starts[3]);
        return StructMessages.Ok;
    }

    public static DecodeResult<bool> Attach(ReadOnlySpan<byte> m, FieldList f)
    {
        if (!Split(m, out var parts, out var starts)) return NotUtf8();
        // "(asset, quantity, destination_vout) = data_content"
        if (parts.Count != 3) return DecodeResult<bool>.Fail(DecodeError.Malformed, 0, $"attach needs 3 fields, got {parts.Count}");
        if (!long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
            return DecodeResult<bool>.Fail(DecodeError.InvalidEncoding, starts[1], "quantity is not an integer");
        long? vout = null;
        if (parts[2].Length > 0)
        {
            if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                return DecodeResult<bool>.Fail(DecodeError.InvalidEncoding, starts[2], "destination_vout is not an integer");
            vout = v;
        }
        f.Add("asset", parts[0], 0, starts[1] - 1);
        f.Add("quantity", quantity, starts[1], starts[2] - starts[1] - 1);
        f.Add("destination_vout", vout, starts[2], m.Length - starts[2]);
        return StructMessages.Ok;
    }

    public static DecodeResult<bool> Detach(ReadOnlySpan<byte> m, FieldList f)
    {
        var text = FieldList.Utf8(m);
        if (text is null) return NotUtf8();
        // "if destination == '0': destination = None" (credit back to the source)
        f.Add("destination", text is "0" or "" ? null : text, 0, m.Length);
        return StructMessages.Ok;
    }

    private static bool Split(ReadOnlySpan<byte> m, out List<string> parts, out List<int> starts)
    {
        parts = [];
        starts = [];
        var text = FieldList.Utf8(m);
        if (text is null) return false;
        var byteStart = 0;
        foreach (var part in text.Split('|'))
        {
            parts.Add(part);
            starts.Add(byteStart);
            byteStart += System.Text.Encoding.UTF8.GetByteCount(part) + 1;
        }
        return true;
    }

    private static DecodeResult<bool> NotUtf8() => DecodeResult<bool>.Fail(DecodeError.InvalidEncoding, 0, "message is not UTF-8 text");
}
