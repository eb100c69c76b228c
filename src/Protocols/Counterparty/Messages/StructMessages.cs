using Explorer.Protocols.Common;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Fixed big-endian struct messages of counterparty-core lib/messages: send (versions/send1.py "&gt;QQ"), order
/// ("&gt;QQQQHQ"), btcpay ("&gt;32s32s"), dispense (one 0x00 byte), bet ("&gt;HIQQdII"), dividend ("&gt;QQ", "&gt;QQQ" from
/// new_dividend_format), cancel ("&gt;32s"), destroy ("&gt;QQ" + tag), rps ("&gt;HQ32sI"), rpsresolve ("&gt;H16s32s32s").
/// </summary>
internal static class StructMessages
{
    public static DecodeResult<bool> Send(ReadOnlySpan<byte> m, FieldList f, bool numeric)
    {
        // send1.parse: "if len(message) != LENGTH: raise UnpackError"
        if (m.Length != 16) return Length(m, 16);
        f.Asset("asset", FieldList.U64(m, 0), numeric, 0);
        f.Add("quantity", FieldList.U64(m, 8), 8, 8);
        return Ok;
    }

    public static DecodeResult<bool> Order(ReadOnlySpan<byte> m, FieldList f, bool numeric)
    {
        if (m.Length != 42) return Length(m, 42);
        f.Asset("give_asset", FieldList.U64(m, 0), numeric, 0);
        f.Add("give_quantity", FieldList.U64(m, 8), 8, 8);
        f.Asset("get_asset", FieldList.U64(m, 16), numeric, 16);
        f.Add("get_quantity", FieldList.U64(m, 24), 24, 8);
        f.Add("expiration", (long)FieldList.U16(m, 32), 32, 2);
        f.Add("fee_required", FieldList.U64(m, 34), 34, 8);
        return Ok;
    }

    public static DecodeResult<bool> BtcPay(ReadOnlySpan<byte> m, FieldList f)
    {
        if (m.Length != 64) return Length(m, 64);
        var tx0 = FieldList.Hex(m[..32]);
        var tx1 = FieldList.Hex(m[32..64]);
        f.Add("tx0_hash", tx0, 0, 32);
        f.Add("tx1_hash", tx1, 32, 32);
        f.Add("order_match_id", tx0 + "_" + tx1, 0, 64);
        return Ok;
    }

    public static DecodeResult<bool> Dispense(ReadOnlySpan<byte> m, FieldList f)
    {
        // gettxinfo: "data = struct.pack(SHORT_TXTYPE_FORMAT, DISPENSE_ID) + b'\x00'"
        if (m.Length != 1 || m[0] != 0) return DecodeResult<bool>.Fail(DecodeError.InvalidLength, 0, "dispense data must be a single 0x00 byte");
        f.Add("data", "00", 0, 1);
        return Ok;
    }

    public static DecodeResult<bool> Bet(ReadOnlySpan<byte> m, FieldList f)
    {
        if (m.Length != 38) return Length(m, 38);
        f.Add("bet_type", (long)FieldList.U16(m, 0), 0, 2);
        f.Add("deadline", (long)FieldList.U32(m, 2), 2, 4);
        f.Add("wager_quantity", FieldList.U64(m, 6), 6, 8);
        f.Add("counterwager_quantity", FieldList.U64(m, 14), 14, 8);
        f.Add("target_value", FieldList.F64(m, 22), 22, 8);
        f.Add("leverage", (long)FieldList.U32(m, 30), 30, 4);
        f.Add("expiration", (long)FieldList.U32(m, 34), 34, 4);
        return Ok;
    }

    public static DecodeResult<bool> Dividend(ReadOnlySpan<byte> m, FieldList f, bool numeric, bool newFormat)
    {
        // "if protocol.enabled('new_dividend_format') and len(message) == LENGTH_2: >QQQ, else >QQ (pays in XCP)"
        if (newFormat && m.Length == 24)
        {
            f.Add("quantity_per_unit", FieldList.U64(m, 0), 0, 8);
            f.Asset("asset", FieldList.U64(m, 8), numeric, 8);
            f.Asset("dividend_asset", FieldList.U64(m, 16), numeric, 16);
            return Ok;
        }
        if (m.Length != 16) return Length(m, 16);
        f.Add("quantity_per_unit", FieldList.U64(m, 0), 0, 8);
        f.Asset("asset", FieldList.U64(m, 8), numeric, 8);
        f.Add("dividend_asset", "XCP", 0, 0);
        return Ok;
    }

    public static DecodeResult<bool> Cancel(ReadOnlySpan<byte> m, FieldList f)
    {
        if (m.Length != 32) return Length(m, 32);
        f.Add("offer_hash", FieldList.Hex(m), 0, 32);
        return Ok;
    }

    public static DecodeResult<bool> Destroy(ReadOnlySpan<byte> m, FieldList f, bool numeric)
    {
        // destroy.py: ">QQ" then a tag of at most 34 bytes.
        if (m.Length < 16) return Length(m, 16);
        if (m.Length > 16 + 34) return DecodeResult<bool>.Fail(DecodeError.InvalidLength, 16, "tag longer than 34 bytes");
        f.Asset("asset", FieldList.U64(m, 0), numeric, 0);
        f.Add("quantity", FieldList.U64(m, 8), 8, 8);
        f.Add("tag", FieldList.Hex(m[16..]), 16, m.Length - 16);
        return Ok;
    }

    public static DecodeResult<bool> Rps(ReadOnlySpan<byte> m, FieldList f)
    {
        if (m.Length != 46) return Length(m, 46);
        f.Add("possible_moves", (long)FieldList.U16(m, 0), 0, 2);
        f.Add("wager", FieldList.U64(m, 2), 2, 8);
        f.Add("move_random_hash", FieldList.Hex(m.Slice(10, 32)), 10, 32);
        f.Add("expiration", (long)FieldList.U32(m, 42), 42, 4);
        return Ok;
    }

    public static DecodeResult<bool> RpsResolve(ReadOnlySpan<byte> m, FieldList f)
    {
        if (m.Length != 82) return Length(m, 82);
        f.Add("move", (long)FieldList.U16(m, 0), 0, 2);
        f.Add("random", FieldList.Hex(m.Slice(2, 16)), 2, 16);
        f.Add("tx0_hash", FieldList.Hex(m.Slice(18, 32)), 18, 32);
        f.Add("tx1_hash", FieldList.Hex(m.Slice(50, 32)), 50, 32);
        return Ok;
    }

    /// <summary>pooldeposit.py (AMM, from amm_pools 952800): "&gt;QQQQQQ" asset_a_id, asset_b_id, quantity_a, quantity_b,
    /// min_lp_quantity, lp_asset_id; "if len(message) != LENGTH: raise UnpackError".</summary>
    public static DecodeResult<bool> PoolDeposit(ReadOnlySpan<byte> m, FieldList f)
    {
        if (m.Length != 48) return Length(m, 48);
        f.Asset("asset_a", FieldList.U64(m, 0), true, 0);
        f.Asset("asset_b", FieldList.U64(m, 8), true, 8);
        f.Add("quantity_a", FieldList.U64(m, 16), 16, 8);
        f.Add("quantity_b", FieldList.U64(m, 24), 24, 8);
        f.Add("min_lp_quantity", FieldList.U64(m, 32), 32, 8);
        f.Add("lp_asset_id", FieldList.U64(m, 40), 40, 8);
        return Ok;
    }

    /// <summary>poolwithdraw.py: "&gt;QQQQQ" asset_a_id, asset_b_id, quantity (LP tokens), min_quantity_a, min_quantity_b.</summary>
    public static DecodeResult<bool> PoolWithdraw(ReadOnlySpan<byte> m, FieldList f)
    {
        if (m.Length != 40) return Length(m, 40);
        f.Asset("asset_a", FieldList.U64(m, 0), true, 0);
        f.Asset("asset_b", FieldList.U64(m, 8), true, 8);
        f.Add("quantity", FieldList.U64(m, 16), 16, 8);
        f.Add("min_quantity_a", FieldList.U64(m, 24), 24, 8);
        f.Add("min_quantity_b", FieldList.U64(m, 32), 32, 8);
        return Ok;
    }

    internal static readonly DecodeResult<bool> Ok = DecodeResult<bool>.Ok(true);

    internal static DecodeResult<bool> Length(ReadOnlySpan<byte> m, int expected) =>
        DecodeResult<bool>.Fail(m.Length < expected ? DecodeError.Truncated : DecodeError.TrailingBytes, Math.Min(m.Length, expected),
            $"expected {expected} bytes, got {m.Length}");
}
