using System.Formats.Cbor;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Message data of the CBOR-era layouts (counterparty-core v11.0.0, from taproot_support: "Use CBOR encoding format for
/// Sweep, Enhanced Send, Fairminter, Fairmint, Issuance and Broadcast") for the messages <see cref="MessageEncoder"/>
/// writes only in their older layouts: sweep [short_address_bytes, flags, memo], fairmint [asset_id, quantity] and
/// fairminter [asset_id, asset_parent_id, 15 integers and flags in fairminter_test.py's order, mime_type, description].
/// Type IDs are one byte (short_tx_type_id is in force wherever CBOR is).
/// Spec: https://github.com/CounterpartyXCP/counterparty-core (lib/messages/sweep.py, fairmint.py, fairminter.py).
/// </summary>
public static class CborMessageComposer
{
    /// <summary>Sweep; <paramref name="packedAddress"/> from <see cref="PackedAddress.PackTagged"/>; flags 1 = balances,
    /// 2 = ownership, 4 = binary memo.</summary>
    public static byte[] Sweep(byte[] packedAddress, ulong flags, byte[] memo)
    {
        var w = Start(3);
        w.WriteByteString(packedAddress);
        w.WriteUInt64(flags);
        w.WriteByteString(memo);
        return End(MessageTypes.Sweep, w);
    }

    public static byte[] Fairmint(ulong assetId, ulong quantity)
    {
        var w = Start(2);
        w.WriteUInt64(assetId);
        w.WriteUInt64(quantity);
        return End(MessageTypes.Fairmint, w);
    }

    /// <summary>
    /// Fairminter. <paramref name="integers"/> holds, in order: price, quantity_by_price, max_mint_per_tx,
    /// max_mint_per_address, hard_cap, premint_quantity, start_block, end_block, soft_cap, soft_cap_deadline_block,
    /// minted_asset_commission_int (commission × 10^8); <paramref name="flags"/>: burn_payment, lock_description,
    /// lock_quantity, divisible. A parent ID of 0 means no parent.
    /// </summary>
    public static byte[] Fairminter(ulong assetId, ulong parentId, IReadOnlyList<ulong> integers, IReadOnlyList<bool> flags,
        string mimeType, byte[] description)
    {
        ArgumentNullException.ThrowIfNull(integers);
        ArgumentNullException.ThrowIfNull(flags);
        if (integers.Count != 11 || flags.Count != 4)
        {
            throw new ArgumentException("fairminter takes 11 integers and 4 flags");
        }

        var w = Start(19);
        w.WriteUInt64(assetId);
        w.WriteUInt64(parentId);
        foreach (var value in integers)
        {
            w.WriteUInt64(value);
        }

        foreach (var flag in flags)
        {
            w.WriteBoolean(flag);
        }

        w.WriteTextString(mimeType);
        w.WriteByteString(description);
        return End(MessageTypes.Fairminter, w);
    }

    private static CborWriter Start(int items)
    {
        var w = new CborWriter(CborConformanceMode.Lax);
        w.WriteStartArray(items);
        return w;
    }

    private static byte[] End(int typeId, CborWriter w)
    {
        w.WriteEndArray();
        return [(byte)typeId, .. w.Encode()];
    }
}
