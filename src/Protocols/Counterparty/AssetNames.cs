using System.Globalization;
using System.Numerics;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Counterparty asset IDs and names (counterparty-core lib/ledger/issuances.py generate_asset_name /
/// generate_asset_id, lib/utils/assetnames.py; ../shared/docs/protocols.md 3.7).
/// </summary>
public static class AssetNames
{
    public const ulong BtcId = 0;
    public const ulong XcpId = 1;
    /// <summary>"the ID must be >= 26^3" (shortest alphabetic name has 4 letters).</summary>
    public const ulong MinAlphabeticId = 26UL * 26 * 26;
    /// <summary>Numeric assets: "A" + decimal(id) for 26^12 + 1 &lt;= id &lt;= 2^64 - 1.</summary>
    public const ulong MinNumericId = 95428956661682176UL + 1; // 26^12 + 1
    private const string B26Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /// <summary>Subasset characters; the compacted longname is big-endian base 68 with a=1 ... !=67.</summary>
    private const string SubassetDigits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@!";
    public const int MaxSubassetLongnameLength = 250;

    /// <summary>Asset name of an ID. <paramref name="numericNames"/> is the <c>numeric_asset_names</c> rule
    /// (mainnet 333500): before it, large IDs are written in base 26 like any other.</summary>
    public static bool TryGetName(ulong id, bool numericNames, out string name)
    {
        name = string.Empty;
        if (id == BtcId) { name = "BTC"; return true; }
        if (id == XcpId) { name = "XCP"; return true; }
        // "if asset_id < 26**3: raise AssetIDError('too low')"
        if (id < MinAlphabeticId) return false;
        if (numericNames && id >= MinNumericId)
        {
            name = "A" + id.ToString(CultureInfo.InvariantCulture);
            return true;
        }
        Span<char> buffer = stackalloc char[16];
        var pos = buffer.Length;
        var n = id;
        while (n > 0)
        {
            buffer[--pos] = B26Digits[(int)(n % 26)];
            n /= 26;
        }
        name = new string(buffer[pos..]);
        return true;
    }

    /// <summary>Name of an ID with the newest rules, or "A"+id style fallback text for invalid IDs.</summary>
    public static string NameOrId(ulong id) => TryGetName(id, true, out var n) ? n : "#" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ID of an asset name: BTC, XCP, numeric "A123..." or 4-12 letters (first letter never A).</summary>
    public static bool TryGetId(string name, out ulong id)
    {
        id = 0;
        if (string.IsNullOrEmpty(name)) return false;
        if (name == "BTC") { id = BtcId; return true; }
        if (name == "XCP") { id = XcpId; return true; }
        if (name[0] == 'A')
        {
            return ulong.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out id)
                && id >= MinNumericId;
        }
        if (name.Length < 4 || name.Length > 12) return false;
        ulong n = 0;
        foreach (var c in name)
        {
            if (c < 'A' || c > 'Z') return false;
            n = n * 26 + (ulong)(c - 'A');
        }
        if (n < MinAlphabeticId) return false;
        id = n;
        return true;
    }

    /// <summary>Expands a compacted subasset longname (big-endian base 68, digit values a=1 ... !=67).</summary>
    public static DecodeResult<string> ExpandSubassetLongname(ReadOnlySpan<byte> compacted)
    {
        var value = new BigInteger(compacted, isUnsigned: true, isBigEndian: true);
        if (value.IsZero) return DecodeResult<string>.Ok(string.Empty);
        var chars = new List<char>();
        var base68 = new BigInteger(68);
        while (!value.IsZero)
        {
            var digit = (int)(value % base68);
            // Digit value 0 is unused by the compaction; such bytes name no subasset.
            if (digit == 0) return DecodeResult<string>.Fail(DecodeError.InvalidAssetName, 0, "digit 0 in compacted longname");
            chars.Add(SubassetDigits[digit - 1]);
            value /= base68;
            if (chars.Count > MaxSubassetLongnameLength)
                return DecodeResult<string>.Fail(DecodeError.InvalidAssetName, 0, "longname longer than 250 characters");
        }
        chars.Reverse();
        return DecodeResult<string>.Ok(new string([.. chars]));
    }

    /// <summary>Compacts a subasset longname ("PARENT.child") into big-endian base 68 bytes.</summary>
    public static byte[] CompactSubassetLongname(string longname)
    {
        ArgumentException.ThrowIfNullOrEmpty(longname);
        var value = BigInteger.Zero;
        foreach (var c in longname)
        {
            var digit = SubassetDigits.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0) throw new ArgumentException($"character '{c}' is not allowed in a subasset longname", nameof(longname));
            value = value * 68 + (digit + 1);
        }
        return value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }
}
