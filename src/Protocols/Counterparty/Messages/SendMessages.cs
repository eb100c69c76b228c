using Explorer.Protocols.Common;
using NBitcoin;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Address-carrying messages: enhanced send (versions/enhancedsend.py "&gt;QQ21s" + memo of at most 34 bytes; from
/// taproot_support the CBOR array [asset_id, quantity, packed_address, memo] first), sweep (sweep.py "&gt;21sB" + memo;
/// CBOR [packed_address, flags, memo]) and dispenser (dispenser.py "&gt;QQQQB" + optional action and oracle addresses).
/// </summary>
internal static class SendMessages
{
    public static DecodeResult<bool> EnhancedSend(ReadOnlySpan<byte> m, FieldList f, Network network, bool taproot, bool segwit)
    {
        // new_unpack (CBOR) first; any failure there (not CBOR, wrong items, bad address, BTC) falls back to the struct.
        if (taproot && CborItems.TryRead(m, out var c) && c.Count == 4
            && c.TryUInt(0, out var assetId) && assetId != AssetNames.BtcId && c.TryUInt(1, out var quantity)
            && c.TryBytes(2, out var packed)
            && (PackedAddress.UnpackTagged(packed, network) ?? PackedAddress.UnpackLegacy(packed, network, segwit)) is { } address)
        {
            f.Asset("asset", assetId, true, c.OffsetOf(0));
            f.Add("quantity", quantity, c.OffsetOf(1), c.LengthOf(1));
            f.Add("address", address, c.OffsetOf(2), c.LengthOf(2));
            f.Add("memo", c.TryBytes(3, out var memo) && memo.Length > 0 ? FieldList.Hex(memo) : null, c.OffsetOf(3), c.LengthOf(3));
            return StructMessages.Ok;
        }
        // "memo_bytes_length = len(message) - LENGTH; < 0: invalid message length; > MAX_MEMO_LENGTH: memo too long"
        if (m.Length < 37) return StructMessages.Length(m, 37);
        if (m.Length - 37 > 34) return DecodeResult<bool>.Fail(DecodeError.InvalidLength, 37, "memo too long");
        var legacyAddress = PackedAddress.UnpackLegacy(m.Slice(16, 21), network, segwit);
        var id = FieldList.U64(m, 0);
        // "if asset == config.BTC: raise AssetNameError"
        if (id == AssetNames.BtcId) return DecodeResult<bool>.Fail(DecodeError.InvalidAssetId, 0, "BTC not allowed");
        f.Asset("asset", id, true, 0);
        f.Add("quantity", FieldList.U64(m, 8), 8, 8);
        f.Add("address", legacyAddress, 16, 21);
        f.Add("memo", m.Length > 37 ? FieldList.Hex(m[37..]) : null, 37, m.Length - 37);
        return StructMessages.Ok;
    }

    public static DecodeResult<bool> Sweep(ReadOnlySpan<byte> m, FieldList f, Network network, bool taproot, bool segwit)
    {
        if (taproot && CborItems.TryRead(m, out var c) && c.Count == 3)
        {
            if (!c.TryBytes(0, out var packed) || !c.TryUInt(1, out var flags))
                return DecodeResult<bool>.Fail(DecodeError.InvalidCbor, 0, "sweep CBOR items have the wrong types");
            f.Add("destination", PackedAddress.UnpackTagged(packed, network) ?? PackedAddress.UnpackLegacy(packed, network, segwit), c.OffsetOf(0), c.LengthOf(0));
            f.Add("flags", flags, c.OffsetOf(1), c.LengthOf(1));
            f.Add("memo", c.TryBytes(2, out var memo) && memo.Length > 0 ? MemoText(memo) : null, c.OffsetOf(2), c.LengthOf(2));
            return StructMessages.Ok;
        }
        if (m.Length < 22) return StructMessages.Length(m, 22);
        if (m.Length - 22 > 34) return DecodeResult<bool>.Fail(DecodeError.InvalidLength, 22, "memo too long");
        f.Add("destination", PackedAddress.UnpackLegacy(m[..21], network, segwit), 0, 21);
        f.Add("flags", (long)m[21], 21, 1);
        f.Add("memo", m.Length > 22 ? MemoText(m[22..]) : null, 22, m.Length - 22);
        return StructMessages.Ok;
    }

    public static DecodeResult<bool> Dispenser(ReadOnlySpan<byte> m, FieldList f, Network network, bool segwit, bool taproot, bool originExtended)
    {
        if (m.Length < 33) return StructMessages.Length(m, 33);
        f.Asset("asset", FieldList.U64(m, 0), true, 0);
        f.Add("give_quantity", FieldList.U64(m, 8), 8, 8);
        f.Add("escrow_quantity", FieldList.U64(m, 16), 16, 8);
        f.Add("mainchainrate", FieldList.U64(m, 24), 24, 8);
        var status = m[32];
        f.Add("dispenser_status", (long)status, 32, 1);
        var read = 33;
        // "if dispenser_status == STATUS_OPEN_EMPTY_ADDRESS or (dispenser_origin_permission_extended and
        // dispenser_status == STATUS_CLOSED and len(message) > read): action_address = message[33:54]"
        if (status == 1 || (originExtended && status == 10 && m.Length > read))
        {
            if (m.Length < read + 21) return StructMessages.Length(m, read + 21);
            f.Add("action_address", Unpack(m.Slice(read, 21), network, segwit, taproot), read, 21);
            read += 21;
        }
        if (m.Length > read)
        {
            var length = Math.Min(21, m.Length - read);
            f.Add("oracle_address", Unpack(m.Slice(read, length), network, segwit, taproot), read, length);
            read += length;
        }
        return StructMessages.Ok;
    }

    /// <summary>Sweep memos read as UTF-8 text when they are (counterparty-core's unpack API shows "sweeeeeeep"), else hex.</summary>
    private static string MemoText(ReadOnlySpan<byte> memo) => FieldList.Utf8(memo) ?? FieldList.Hex(memo);

    private static string? Unpack(ReadOnlySpan<byte> b, Network network, bool segwit, bool taproot) =>
        (taproot ? PackedAddress.UnpackTagged(b, network) : null) ?? PackedAddress.UnpackLegacy(b, network, segwit);
}
