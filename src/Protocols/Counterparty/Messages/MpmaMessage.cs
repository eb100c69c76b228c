using Explorer.Protocols.Common;
using NBitcoin;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// MPMA send (ID 3, from mpma_sends 616614): counterparty-core lib/messages/versions/mpma.py with the bit-packed
/// layout of lib/utils/mpmaencoding.py (legacy) or, from taproot_support, CBOR. Only the address list header
/// (a big-endian u16 count followed by 21-byte packed addresses) is decoded here; the bit-packed asset/quantity
/// section is reported as raw bits.
/// </summary>
internal static class MpmaMessage
{
    public static DecodeResult<bool> Decode(ReadOnlySpan<byte> m, FieldList f, Network network, bool segwit, bool taproot)
    {
        _ = taproot;
        if (m.Length < 2) return StructMessages.Length(m, 2);
        var count = FieldList.U16(m, 0);
        f.Add("address_count", (long)count, 0, 2);
        var need = 2 + count * 21;
        if (m.Length < need) return StructMessages.Length(m, need);
        for (var i = 0; i < count; i++)
            f.Add($"address[{i}]", PackedAddress.UnpackLegacy(m.Slice(2 + i * 21, 21), network, segwit), 2 + i * 21, 21);
        f.Add("asset_section", FieldList.Hex(m[need..]), need, m.Length - need);
        return DecodeResult<bool>.Fail(DecodeError.UnsupportedVersion, need, "MPMA asset/quantity bit section is not decoded");
    }
}
