using NBitcoin;
using NBitcoin.DataEncoders;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Addresses packed into messages (counterparty-core lib/utils/address.py pack/unpack; counterparty-rs utils.rs
/// pack_address/unpack_address). Legacy: 21 bytes, version byte + hash160 (base58check), or from segwit_support
/// 0x80+witness version + program. Taproot era: 0x01 + hash160 (P2PKH), 0x02 + hash160 (P2SH), 0x03 + witness
/// version + program.
/// </summary>
public static class PackedAddress
{
    public static string? UnpackLegacy(ReadOnlySpan<byte> b, Network network, bool segwit)
    {
        if (b.IsEmpty) return null;
        if (segwit && b[0] >= 0x80 && b[0] <= 0x8f) return Bech32(b[0] - 0x80, b[1..], network);
        // "check = bitcoin.core.Hash(short_address_bytes)[0:4]; return base58.encode(short_address_bytes + check)"
        return Encoders.Base58Check.EncodeData(b.ToArray());
    }

    public static string? UnpackTagged(ReadOnlySpan<byte> b, Network network)
    {
        if (b.Length == 21 && b[0] == 0x01) return new KeyId(b[1..].ToArray()).GetAddress(network).ToString();
        if (b.Length == 21 && b[0] == 0x02) return new ScriptId(b[1..].ToArray()).GetAddress(network).ToString();
        if (b.Length >= 4 && b[0] == 0x03) return Bech32(b[1], b[2..], network);
        return null;
    }

    private static string? Bech32(int version, ReadOnlySpan<byte> program, Network network)
    {
        // Only the defined programs have addresses: v0 with 20 or 32 bytes, v1 (taproot) with 32 bytes.
        if (!((version == 0 && program.Length is 20 or 32) || (version == 1 && program.Length == 32))) return null;
        var script = new List<byte> { version == 0 ? (byte)0 : (byte)(0x50 + version), (byte)program.Length };
        script.AddRange(program);
        return new Script(script.ToArray()).GetDestinationAddress(network)?.ToString();
    }

    /// <summary>Legacy 21-byte packing of a base58 address (version byte + hash160) or 0x80+witver + program.</summary>
    public static byte[] PackLegacy(string address, Network network)
    {
        var parsed = BitcoinAddress.Create(address, network);
        return parsed switch
        {
            BitcoinWitPubKeyAddress w => [0x80, .. w.Hash.ToBytes()],
            BitcoinPubKeyAddress or BitcoinScriptAddress => Encoders.Base58Check.DecodeData(address),
            _ => throw new ArgumentException("only base58 and P2WPKH addresses have a legacy packing", nameof(address)),
        };
    }

    /// <summary>Taproot-era tagged packing: 0x01 P2PKH, 0x02 P2SH, 0x03 + witness version + program.</summary>
    public static byte[] PackTagged(string address, Network network)
    {
        var parsed = BitcoinAddress.Create(address, network);
        return parsed switch
        {
            BitcoinPubKeyAddress p => [0x01, .. p.Hash.ToBytes()],
            BitcoinScriptAddress s => [0x02, .. s.Hash.ToBytes()],
            _ => WitnessPacking(parsed.ScriptPubKey.ToBytes(true)),
        };
    }

    private static byte[] WitnessPacking(byte[] script)
    {
        var version = script[0] == 0 ? (byte)0 : (byte)(script[0] - 0x50);
        return [0x03, version, .. script.AsSpan(2)];
    }
}
