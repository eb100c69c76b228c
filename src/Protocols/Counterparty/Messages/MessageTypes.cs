using System.Buffers.Binary;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Message type IDs (module ID constants of counterparty-core lib/messages/*.py) and the type ID packing of
/// lib/parser/messagetype.py: from short_tx_type_id (mainnet 489956) IDs 1-255 take 1 byte, otherwise 4 bytes
/// big-endian; "if the first byte is non-zero, it is the type ID; if it is 0, read 4 bytes".
/// </summary>
public static class MessageTypes
{
    public const int Send = 0, EnhancedSend = 2, Mpma = 3, Sweep = 4, Order = 10, BtcPay = 11, Dispenser = 12, Dispense = 13;
    public const int Issuance = 20, SubassetIssuance = 21, LrIssuance = 22, LrSubassetIssuance = 23, Broadcast = 30, Bet = 40;
    public const int Dividend = 50, Burn = 60, Cancel = 70, Rps = 80, RpsResolve = 81, Fairminter = 90, Fairmint = 91;
    public const int Utxo = 100, Attach = 101, Detach = 102, Destroy = 110, PoolDeposit = 120, PoolWithdraw = 121;

    /// <summary>The decode contract's messageType name of a type ID ("unknown" when counterparty-core has none).</summary>
    public static string NameOf(int id) => id switch
    {
        Send => "send",
        EnhancedSend => "enhanced_send",
        Mpma => "mpma",
        Sweep => "sweep",
        Order => "order",
        BtcPay => "btcpay",
        Dispenser => "dispenser",
        Dispense => "dispense",
        Issuance or SubassetIssuance or LrIssuance or LrSubassetIssuance => "issuance",
        Broadcast => "broadcast",
        Bet => "bet",
        Dividend => "dividend",
        Burn => "burn",
        Cancel => "cancel",
        Rps => "rps",
        RpsResolve => "rpsresolve",
        Fairminter => "fairminter",
        Fairmint => "fairmint",
        Utxo => "utxo",
        Attach => "attach",
        Detach => "detach",
        Destroy => "destroy",
        PoolDeposit => "pooldeposit",
        PoolWithdraw => "poolwithdraw",
        _ => "unknown",
    };

    /// <summary>messagetype.unpack: returns false ("None") when the data is too short. 1-byte IDs are read only
    /// when short IDs are in force and the data is longer than 1 byte; 4-byte IDs need more than 4 bytes.</summary>
    public static bool TryUnpack(ReadOnlySpan<byte> data, bool shortIds, out int typeId, out int idLength)
    {
        typeId = 0;
        idLength = 0;
        if (data.Length > 1 && shortIds && data[0] > 0)
        {
            typeId = data[0];
            idLength = 1;
            return true;
        }
        // "First message byte was 0. We will read 4 bytes"
        if (data.Length > 4)
        {
            var id = BinaryPrimitives.ReadUInt32BigEndian(data);
            if (id > int.MaxValue) { typeId = -1; idLength = 4; return true; }
            typeId = (int)id;
            idLength = 4;
            return true;
        }
        return false;
    }

    /// <summary>messagetype.pack: 1 byte for 0 &lt; id &lt; 256 when short IDs are in force, else 4 bytes big-endian.</summary>
    public static byte[] Pack(int typeId, bool shortIds)
    {
        if (shortIds && typeId is > 0 and < 256) return [(byte)typeId];
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)typeId);
        return bytes;
    }
}
