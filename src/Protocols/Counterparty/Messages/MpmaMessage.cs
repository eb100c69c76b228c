using Explorer.Protocols.Common;
using NBitcoin;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// MPMA send (ID 3, from mpma_sends 616614): counterparty-core lib/utils/mpmaencoding.py _decode_mpma_send_decode.
/// A big-endian u16 address count (never 0) and 21-byte packed addresses, then a bit stream: an optional memo
/// (1 bit present, 1 bit hex, 6-bit length, bytes), then while a 1 bit follows: asset ID (64 bits), recipient count - 1
/// and per recipient an address index (ceil(log2(count)) bits each), quantity (64 bits) and optional memo.
/// The message-wide memo applies to sends without their own.
/// </summary>
internal static class MpmaMessage
{
    /// <param name="lengthPrefixed">"mpma_taproot_support" (v11.4.0): "The address table switches from the fixed 21-byte
    /// legacy packing to a length byte followed by the self-describing address packing already used by enhanced sends
    /// and sweeps."</param>
    public static DecodeResult<bool> Decode(ReadOnlySpan<byte> m, FieldList f, Network network, bool segwit, bool taproot, bool lengthPrefixed = false)
    {
        if (m.Length < 2) return StructMessages.Length(m, 2);
        var count = FieldList.U16(m, 0);
        // "address list can't be empty"
        if (count == 0) return DecodeResult<bool>.Fail(DecodeError.InvalidLength, 0, "address list can't be empty");
        var addresses = new string?[count];
        int need;
        if (lengthPrefixed)
        {
            need = 2;
            for (var i = 0; i < count; i++)
            {
                if (m.Length < need + 1) return StructMessages.Length(m, need + 1);
                var length = m[need];
                if (m.Length < need + 1 + length) return StructMessages.Length(m, need + 1 + length);
                addresses[i] = PackedAddress.UnpackTagged(m.Slice(need + 1, length), network);
                // A table entry that is not a valid packed address: "a legacy table parsed after it is refused".
                if (addresses[i] is null) return DecodeResult<bool>.Fail(DecodeError.Malformed, need, $"address table entry {i} is not a packed address");
                f.Annotate($"addresses[{i}]", addresses[i], need, 1 + length);
                need += 1 + length;
            }
        }
        else
        {
            need = 2 + count * 21;
            if (m.Length < need) return StructMessages.Length(m, need);
            for (var i = 0; i < count; i++)
            {
                var packed = m.Slice(2 + i * 21, 21);
                addresses[i] = (taproot ? PackedAddress.UnpackTagged(packed, network) : null) ?? PackedAddress.UnpackLegacy(packed, network, segwit);
                f.Annotate($"addresses[{i}]", addresses[i], 2 + i * 21, 21);
            }
        }
        var nbits = count == 1 ? 0 : (int)Math.Ceiling(Math.Log2(count));
        var bits = new BitReader(m[need..]);
        if (!TryMemo(ref bits, out var memo, out var memoIsHex)) return Truncated(need);
        var sends = new List<Dictionary<string, object?>>();
        while (true)
        {
            if (!bits.TryRead(1, out var more)) return Truncated(need);
            if (more == 0) break;
            var start = bits.Position;
            if (!bits.TryRead(64, out var assetId)) return Truncated(need);
            ulong recipients = 1;
            if (nbits > 0)
            {
                if (!bits.TryRead(nbits, out var n)) return Truncated(need);
                recipients = n + 1;
            }
            for (ulong r = 0; r < recipients; r++)
            {
                ulong index = 0;
                if (nbits > 0 && !bits.TryRead(nbits, out index)) return Truncated(need);
                if (index >= count) return DecodeResult<bool>.Fail(DecodeError.Malformed, need, "address index outside the address list");
                if (!bits.TryRead(64, out var quantity)) return Truncated(need);
                if (!TryMemo(ref bits, out var own, out var ownHex)) return Truncated(need);
                sends.Add(new Dictionary<string, object?>
                {
                    ["asset"] = AssetNames.TryGetName(assetId, true, out var name) ? name : null,
                    ["destination"] = addresses[index],
                    ["quantity"] = quantity,
                    ["memo"] = own ?? memo,
                    ["memo_is_hex"] = own is not null ? ownHex : memo is not null ? memoIsHex : null,
                });
            }
            f.Annotate($"sends[{sends.Count - 1}]", sends[^1]["asset"], need + start / 8, (bits.Position - start + 7) / 8);
        }
        f.Add("sends", sends, need, m.Length - need);
        return StructMessages.Ok;
    }

    private static DecodeResult<bool> Truncated(int offset) =>
        DecodeResult<bool>.Fail(DecodeError.Truncated, offset, "MPMA bit stream ends early");

    private static bool TryMemo(ref BitReader bits, out string? memo, out bool isHex)
    {
        memo = null;
        isHex = false;
        if (!bits.TryRead(1, out var present)) return false;
        if (present == 0) return true;
        if (!bits.TryRead(1, out var hex) || !bits.TryRead(6, out var length)) return false;
        var bytes = new byte[length];
        for (var i = 0; i < (int)length; i++)
        {
            if (!bits.TryRead(8, out var b)) return false;
            bytes[i] = (byte)b;
        }
        isHex = hex == 1;
        // A non-hex memo is UTF-8 text ("data.decode('utf-8')"); undecodable text fails like the reference.
        memo = isHex ? FieldList.Hex(bytes) : FieldList.Utf8(bytes);
        return memo is not null;
    }

    /// <summary>Most-significant-bit-first reader (bitstring ConstBitStream).</summary>
    private ref struct BitReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        public int Position { get; private set; }

        public bool TryRead(int count, out ulong value)
        {
            value = 0;
            if (count > 64 || Position + count > _data.Length * 8) return false;
            for (var i = 0; i < count; i++)
            {
                var bit = (_data[(Position + i) >> 3] >> (7 - ((Position + i) & 7))) & 1;
                value = (value << 1) | (uint)bit;
            }
            Position += count;
            return true;
        }
    }
}
