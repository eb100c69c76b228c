using Explorer.Protocols.Common;

namespace Explorer.Protocols.Colu;

/// <summary>
/// SFFC ("significant figures, floating compressed") number encoding of Colu Colored Coins.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/Number-Encoding
/// Reference: npm sffc-encoder 0.1.12 (Colored-Coins/SFFC@17b4e78:sffcEncoder.js).
/// </summary>
public static class Sffc
{
    /// <summary>"The maximum value is 2^53−1" (JavaScript's Number.MAX_SAFE_INTEGER); the reference encoder refuses more.</summary>
    public const ulong MaxValue = (1UL << 53) - 1;

    /// <summary>Longest encoding (the 7-byte form).</summary>
    public const int MaxLength = 7;

    private const byte FlagMask = 0xE0;

    // flag, byte size, mantissa bits, exponent bits: the reference's encodingSchemeTable, smallest first.
    private static readonly (byte Flag, int Size, int Mantissa, int Exponent)[] Schemes =
    [
        (0x20, 2, 9, 4),
        (0x40, 3, 17, 4),
        (0x60, 4, 25, 4),
        (0x80, 5, 34, 3),
        (0xA0, 6, 42, 3),
        (0xC0, 7, 54, 0),
    ];

    private static readonly ulong[] PowersOfTen = BuildPowers();

    /// <summary>
    /// Reads one SFFC number at the start of <paramref name="data"/>. Fails with Truncated when the bytes run out
    /// and with Overflow when the value exceeds <see cref="MaxValue"/> (the reference would lose precision).
    /// </summary>
    public static DecodeError TryRead(ReadOnlySpan<byte> data, out ulong value, out int length)
    {
        value = 0;
        length = 0;
        if (data.IsEmpty) return DecodeError.Truncated;
        var first = data[0];
        var flag = first & FlagMask;
        // "0..31 encode as a single byte equal to the number"
        if (flag == 0) { value = first; length = 1; return DecodeError.None; }
        // The 7-byte form uses only the top 2 bits as flag: 0xE0 is read as 0xC0 ("if (flag === 0xe0) flag = 0xc0").
        if (flag == 0xE0) flag = 0xC0;
        var scheme = Schemes[(flag >> 5) - 1];
        if (data.Length < scheme.Size) return DecodeError.Truncated;
        ulong number = (ulong)(first & ~flag & 0xFF);
        for (var i = 1; i < scheme.Size; i++) number = (number << 8) | data[i];
        var exponent = (int)(number & ((1UL << scheme.Exponent) - 1));
        var mantissa = number >> scheme.Exponent;
        // value = mantissa × 10^exponent, the exponent in the low bits of the last byte.
        if (mantissa != 0 && mantissa > MaxValue / PowersOfTen[exponent]) return DecodeError.Overflow;
        value = mantissa * PowersOfTen[exponent];
        if (value > MaxValue) { value = 0; return DecodeError.Overflow; }
        length = scheme.Size;
        return DecodeError.None;
    }

    /// <summary>The encoded length of <paramref name="value"/>, or -1 when it cannot be encoded (above 2^53−1).</summary>
    public static int GetLength(ulong value) => Choose(value, out _, out _, out var scheme) ? (scheme < 0 ? 1 : Schemes[scheme].Size) : -1;

    /// <summary>
    /// Writes <paramref name="value"/> exactly as the reference encoder: trailing decimal zeros move into the exponent,
    /// then the smallest scheme whose mantissa fits is used, trading exponent for mantissa when the exponent field is too small.
    /// </summary>
    public static bool TryWrite(ulong value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!Choose(value, out var mantissa, out var exponent, out var index)) return false;
        if (index < 0)
        {
            if (destination.IsEmpty) return false;
            destination[0] = (byte)value;
            written = 1;
            return true;
        }
        var scheme = Schemes[index];
        if (destination.Length < scheme.Size) return false;
        var shifted = (mantissa << scheme.Exponent) | (uint)exponent;
        for (var i = scheme.Size - 1; i >= 0; i--) { destination[i] = (byte)shifted; shifted >>= 8; }
        destination[0] |= scheme.Flag;
        written = scheme.Size;
        return true;
    }

    public static byte[] Encode(ulong value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return TryWrite(value, buffer, out var n) ? buffer[..n].ToArray()
            : throw new ArgumentOutOfRangeException(nameof(value), value, "SFFC numbers are limited to 2^53-1");
    }

    private static bool Choose(ulong value, out ulong mantissa, out int exponent, out int scheme)
    {
        mantissa = value;
        exponent = 0;
        scheme = -1;
        // "if (number > Number.MAX_SAFE_INTEGER) throw new Error('Number is out of bounds')"
        if (value > MaxValue) return false;
        if (value < 32) return true;
        while (mantissa % 10 == 0) { mantissa /= 10; exponent++; }
        while (true)
        {
            var bits = 64 - ulong.LeadingZeroCount(mantissa);
            scheme = -1;
            for (var i = 0; i < Schemes.Length && scheme < 0; i++)
                if ((ulong)Schemes[i].Mantissa >= bits) scheme = i;
            if (scheme < 0) return false;
            if ((1 << Schemes[scheme].Exponent) - 1 >= exponent) return true;
            mantissa *= 10;
            exponent--;
        }
    }

    private static ulong[] BuildPowers()
    {
        var powers = new ulong[16];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10;
        return powers;
    }
}
