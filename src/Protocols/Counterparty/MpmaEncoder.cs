namespace Explorer.Protocols.Counterparty;

/// <summary>
/// MPMA send data (ID 3), the inverse of the decoder's layout (counterparty-core lib/utils/mpmaencoding.py
/// _encode_mpma_send): a big-endian u16 address count and the packed addresses (sorted, each once) in the table format
/// of the block height (see <see cref="Encode"/>), then a bit stream,
/// most significant bit first: the message memo (1 bit present, 1 bit hex, 6-bit length, bytes), then per asset a 1
/// bit, the asset ID (64 bits), the recipient count - 1 and per recipient its address index (ceil(log2(count)) bits
/// each, none for a single address), the quantity (64 bits) and a 0 bit (no own memo); a final 0 bit, zero padding.
/// </summary>
public static class MpmaEncoder
{
    /// <summary>Message data with a one-byte type ID (short_tx_type_id). Sends of one asset are grouped in first-seen
    /// order; <paramref name="memo"/> (UTF-8 text, at most 63 bytes) applies to every send. The address table is the
    /// one <see cref="CounterpartyMessageDecoder"/> (and counterparty-core) reads at <paramref name="height"/> under
    /// <paramref name="rules"/>: from "mpma_taproot_support" (v11.4.0) "a length byte followed by the self-describing
    /// address packing already used by enhanced sends and sweeps"; before it "tables are written and read exactly as
    /// before": fixed 21-byte entries of address.pack (the tagged packing from taproot_support, the legacy one before),
    /// which refuses addresses that do not fit ("Address not supported by MPMA send").</summary>
    public static byte[] Encode(IReadOnlyList<(ulong AssetId, string Destination, ulong Quantity)> sends, string? memo,
        CounterpartyRules rules, int height)
    {
        ArgumentNullException.ThrowIfNull(sends);
        ArgumentNullException.ThrowIfNull(rules);
        if (sends.Count == 0)
        {
            throw new ArgumentException("an MPMA send needs at least one send", nameof(sends));
        }

        var addresses = sends.Select(s => s.Destination).Distinct().Order(StringComparer.Ordinal).ToList();
        var bytes = new List<byte> { (byte)MessageTypes.Mpma, (byte)(addresses.Count >> 8), (byte)addresses.Count };
        foreach (var address in addresses)
        {
            bytes.AddRange(PackTableEntry(address, rules, height));
        }

        var bits = new List<bool>();
        var memoBytes = memo is null ? null : System.Text.Encoding.UTF8.GetBytes(memo);
        if (memoBytes is { Length: > 63 })
        {
            throw new ArgumentException("the memo length has 6 bits (at most 63 bytes)", nameof(memo));
        }

        Write(bits, memoBytes is null ? 0UL : 1UL, 1);
        if (memoBytes is not null)
        {
            Write(bits, 0, 1);
            Write(bits, (ulong)memoBytes.Length, 6);
            foreach (var b in memoBytes)
            {
                Write(bits, b, 8);
            }
        }

        var nbits = addresses.Count == 1 ? 0 : (int)Math.Ceiling(Math.Log2(addresses.Count));
        foreach (var group in sends.GroupBy(s => s.AssetId))
        {
            var list = group.ToList();
            if (nbits == 0 && list.Count > 1)
            {
                throw new ArgumentException("with a single address each asset has one recipient", nameof(sends));
            }

            Write(bits, 1, 1);
            Write(bits, group.Key, 64);
            if (nbits > 0)
            {
                Write(bits, (ulong)(list.Count - 1), nbits);
            }

            foreach (var send in list)
            {
                if (nbits > 0)
                {
                    Write(bits, (ulong)addresses.IndexOf(send.Destination), nbits);
                }

                Write(bits, send.Quantity, 64);
                Write(bits, 0, 1);
            }
        }

        Write(bits, 0, 1);
        for (var i = 0; i < bits.Count; i += 8)
        {
            byte b = 0;
            for (var j = 0; j < 8; j++)
            {
                b = (byte)((b << 1) | (i + j < bits.Count && bits[i + j] ? 1 : 0));
            }

            bytes.Add(b);
        }

        return [.. bytes];
    }

    private static byte[] PackTableEntry(string address, CounterpartyRules rules, int height)
    {
        if (height >= rules.MpmaTaprootSupport)
        {
            var tagged = PackedAddress.PackTagged(address, rules.Network);
            return [(byte)tagged.Length, .. tagged];
        }

        var packed = height >= rules.TaprootSupport ? PackedAddress.PackTagged(address, rules.Network) : PackedAddress.PackLegacy(address, rules.Network);
        // The legacy table has fixed 21-byte entries: a 32-byte witness program does not fit.
        if (packed.Length != 21)
        {
            throw new ArgumentException($"address {address} does not fit the 21-byte MPMA table before mpma_taproot_support", nameof(address));
        }

        return packed;
    }

    private static void Write(List<bool> bits, ulong value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            bits.Add(((value >> i) & 1) == 1);
        }
    }
}
