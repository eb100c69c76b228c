using System.Buffers.Binary;
using System.Formats.Cbor;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Message data (type ID + body) for the layouts <see cref="CounterpartyMessageDecoder"/> reads, as counterparty-core's
/// compose functions pack them (lib/messages/*.py). <c>shortIds</c> is the short_tx_type_id rule at the target height.
/// </summary>
public static class MessageEncoder
{
    public static byte[] Send(ulong assetId, ulong quantity, bool shortIds) =>
        [.. MessageTypes.Pack(MessageTypes.Send, shortIds), .. U64(assetId), .. U64(quantity)];

    /// <summary>Legacy "&gt;QQ21s" + memo; <paramref name="packedAddress"/> from <see cref="PackedAddress.PackLegacy"/>.</summary>
    public static byte[] EnhancedSend(ulong assetId, ulong quantity, ReadOnlySpan<byte> packedAddress, ReadOnlySpan<byte> memo, bool shortIds) =>
        [.. MessageTypes.Pack(MessageTypes.EnhancedSend, shortIds), .. U64(assetId), .. U64(quantity), .. packedAddress, .. memo];

    /// <summary>Taproot-era CBOR [asset_id, quantity, packed_address, memo]; address from <see cref="PackedAddress.PackTagged"/>.</summary>
    public static byte[] EnhancedSendCbor(ulong assetId, ulong quantity, byte[] packedAddress, byte[] memo)
    {
        var w = new CborWriter(CborConformanceMode.Lax);
        w.WriteStartArray(4);
        w.WriteUInt64(assetId);
        w.WriteUInt64(quantity);
        w.WriteByteString(packedAddress);
        w.WriteByteString(memo);
        w.WriteEndArray();
        return [(byte)MessageTypes.EnhancedSend, .. w.Encode()];
    }

    public static byte[] Order(ulong giveId, ulong giveQuantity, ulong getId, ulong getQuantity, ushort expiration, ulong feeRequired, bool shortIds) =>
        [.. MessageTypes.Pack(MessageTypes.Order, shortIds), .. U64(giveId), .. U64(giveQuantity), .. U64(getId), .. U64(getQuantity),
         (byte)(expiration >> 8), (byte)expiration, .. U64(feeRequired)];

    public static byte[] BtcPay(ReadOnlySpan<byte> tx0Hash, ReadOnlySpan<byte> tx1Hash, bool shortIds) =>
        [.. MessageTypes.Pack(MessageTypes.BtcPay, shortIds), .. tx0Hash, .. tx1Hash];

    public static byte[] Cancel(ReadOnlySpan<byte> offerHash, bool shortIds) => [.. MessageTypes.Pack(MessageTypes.Cancel, shortIds), .. offerHash];

    public static byte[] Dividend(ulong quantityPerUnit, ulong assetId, ulong dividendAssetId, bool shortIds) =>
        [.. MessageTypes.Pack(MessageTypes.Dividend, shortIds), .. U64(quantityPerUnit), .. U64(assetId), .. U64(dividendAssetId)];

    public static byte[] Destroy(ulong assetId, ulong quantity, ReadOnlySpan<byte> tag, bool shortIds) =>
        [.. MessageTypes.Pack(MessageTypes.Destroy, shortIds), .. U64(assetId), .. U64(quantity), .. tag];

    public static byte[] Bet(ushort betType, uint deadline, ulong wager, ulong counterwager, double target, uint leverage, uint expiration, bool shortIds)
    {
        var body = new byte[42];
        BinaryPrimitives.WriteUInt16BigEndian(body, betType);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(2), deadline);
        BinaryPrimitives.WriteUInt64BigEndian(body.AsSpan(6), wager);
        BinaryPrimitives.WriteUInt64BigEndian(body.AsSpan(14), counterwager);
        BinaryPrimitives.WriteDoubleBigEndian(body.AsSpan(22), target);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(30), leverage);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(34), expiration);
        return [.. MessageTypes.Pack(MessageTypes.Bet, shortIds), .. body.AsSpan(0, 38)];
    }

    /// <summary>Broadcast "&gt;IdI" + text: var-int length (broadcast_pack_text) or Pascal string (&lt;= 52 bytes).</summary>
    public static byte[] Broadcast(uint timestamp, double value, uint feeFractionInt, string text, bool packText, bool shortIds)
    {
        var head = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(head, timestamp);
        BinaryPrimitives.WriteDoubleBigEndian(head.AsSpan(4), value);
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(12), feeFractionInt);
        var t = System.Text.Encoding.UTF8.GetBytes(text);
        byte[] tail = packText ? [.. CompactSize((ulong)t.Length), .. t] : t.Length <= 52 ? [(byte)t.Length, .. t] : t;
        return [.. MessageTypes.Pack(MessageTypes.Broadcast, shortIds), .. head, .. tail];
    }

    /// <summary>Issuance from cip03: "&gt;QQ???" + description (type 22 when issuance_backwards_compatibility).</summary>
    public static byte[] Issuance(int typeId, ulong assetId, ulong quantity, bool divisible, bool lockFlag, bool reset, string description, bool shortIds) =>
        [.. MessageTypes.Pack(typeId, shortIds), .. U64(assetId), .. U64(quantity), B(divisible), B(lockFlag), B(reset),
         .. System.Text.Encoding.UTF8.GetBytes(description)];

    /// <summary>Issuance 283272..753500: "&gt;QQ??If" + description (Pascal string when &lt;= 42 bytes and pascal is true).</summary>
    public static byte[] IssuanceCallable(ulong assetId, ulong quantity, bool divisible, bool callable, uint callDate, float callPrice,
        string description, bool pascal, bool shortIds)
    {
        var d = System.Text.Encoding.UTF8.GetBytes(description);
        var price = new byte[4];
        BinaryPrimitives.WriteSingleBigEndian(price, callPrice);
        byte[] desc = pascal && d.Length <= 42 ? [(byte)d.Length, .. d] : d;
        return [.. MessageTypes.Pack(MessageTypes.Issuance, shortIds), .. U64(assetId), .. U64(quantity), B(divisible), B(callable),
            .. U32(callDate), .. price, .. desc];
    }

    /// <summary>Subasset issuance from cip03: "&gt;QQ???B" + compacted longname + description.</summary>
    public static byte[] SubassetIssuance(int typeId, ulong assetId, ulong quantity, bool divisible, bool lockFlag, bool reset,
        string longname, string description, bool shortIds)
    {
        var compacted = AssetNames.CompactSubassetLongname(longname);
        return [.. MessageTypes.Pack(typeId, shortIds), .. U64(assetId), .. U64(quantity), B(divisible), B(lockFlag), B(reset),
            (byte)compacted.Length, .. compacted, .. System.Text.Encoding.UTF8.GetBytes(description)];
    }

    /// <summary>Taproot-era CBOR issuance [asset_id, quantity, divisible, lock, reset, mime_type, description].</summary>
    public static byte[] IssuanceCbor(int typeId, ulong assetId, ulong quantity, bool divisible, bool lockFlag, bool reset, string mimeType, byte[]? description)
    {
        var w = new CborWriter(CborConformanceMode.Lax);
        w.WriteStartArray(7);
        w.WriteUInt64(assetId);
        w.WriteUInt64(quantity);
        w.WriteBoolean(divisible);
        w.WriteBoolean(lockFlag);
        w.WriteBoolean(reset);
        w.WriteTextString(mimeType);
        if (description is null) w.WriteNull(); else w.WriteByteString(description);
        w.WriteEndArray();
        return [(byte)typeId, .. w.Encode()];
    }

    public static byte[] Sweep(ReadOnlySpan<byte> packedAddress, byte flags, ReadOnlySpan<byte> memo, bool shortIds) =>
        [.. MessageTypes.Pack(MessageTypes.Sweep, shortIds), .. packedAddress, flags, .. memo];

    public static byte[] Dispenser(ulong assetId, ulong giveQuantity, ulong escrowQuantity, ulong mainchainrate, byte status, bool shortIds) =>
        [.. MessageTypes.Pack(MessageTypes.Dispenser, shortIds), .. U64(assetId), .. U64(giveQuantity), .. U64(escrowQuantity), .. U64(mainchainrate), status];

    public static byte[] Dispense() => [(byte)MessageTypes.Dispense, 0];

    /// <summary>"|"-separated text messages (fairmint "asset|quantity", attach "asset|quantity|vout", detach "destination",
    /// utxo "source|destination|asset|quantity", fairminter fields + description).</summary>
    public static byte[] Text(int typeId, params string[] parts) => [(byte)typeId, .. System.Text.Encoding.UTF8.GetBytes(string.Join("|", parts))];

    private static byte B(bool b) => b ? (byte)1 : (byte)0;

    private static byte[] U64(ulong v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, v);
        return b;
    }

    private static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        return b;
    }

    private static byte[] CompactSize(ulong n) => n < 0xfd ? [(byte)n]
        : n <= 0xffff ? [0xfd, (byte)n, (byte)(n >> 8)]
        : [0xfe, (byte)n, (byte)(n >> 8), (byte)(n >> 16), (byte)(n >> 24)];
}
