namespace Explorer.Web.Services.Indexed;

/// <summary>
/// Counterparty subasset longnames (<c>PARENT.child</c>) as searched: the rules of counterparty-core's
/// <c>counterpartycore/lib/utils/assetnames.py</c> (<c>parse_subasset_from_asset_name</c>,
/// <c>validate_subasset_parent_name</c>, <c>validate_subasset_longname</c>; CIP 4 "Subassets"), and its
/// <c>resolve_subasset_longname</c>, which finds the asset by <c>asset_longname = ?</c>: an exact, case-sensitive match.
/// Asset names are upper case (<c>B26_DIGITS</c>), so the parent is upper-cased; the child is kept as typed.
/// </summary>
public static class SubassetLongname
{
    /// <summary>"if len(subasset_longname) &gt; 250: raise AssetNameError('subasset name too long')".</summary>
    public const int MaxLength = 250;

    /// <summary>"subasset contain only characters a-zA-Z0-9.-_@!" (<c>SUBASSET_DIGITS</c>).</summary>
    public const string ChildDigits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@!";

    /// <summary>The longname as counterparty-core stores it (parent upper-cased, child as typed), or null when
    /// <paramref name="text"/> is not a valid longname.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null || text.Length > MaxLength) return null;
        // chunks = asset.split(".", 1): the parent ends at the first period.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return null;
        var parent = text[..dot].ToUpperInvariant();
        var child = text[(dot + 1)..];
        return IsParent(parent) && IsChild(child) ? parent + "." + child : null;
    }

    /// <summary>validate_subasset_parent_name: not BTC or XCP, 4..21 characters; a named parent is A-Z (and, before
    /// allow_subassets_on_numerics, 4..12 characters not starting with A); a numeric one is A + 17..20 digits in
    /// [26^12 + 1, 256^8] (is_numeric). The explorer accepts both eras: the store says which asset exists.</summary>
    private static bool IsParent(string parent)
    {
        if (parent is "BTC" or "XCP" || parent.Length is < 4 or > 21) return false;
        if (IsNumeric(parent)) return true;
        return parent.Length <= 12 && parent[0] != 'A' && parent.All(char.IsAsciiLetterUpper);
    }

    /// <summary>is_numeric: "^A(\d{17,20})$" with the value in [26**12 + 1, 256**8].</summary>
    private static bool IsNumeric(string name) =>
        name.Length is >= 18 and <= 21 && name[0] == 'A' && name.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0
        && System.Numerics.BigInteger.Parse(name.AsSpan(1), provider: System.Globalization.CultureInfo.InvariantCulture) is var value
        && value >= System.Numerics.BigInteger.Pow(26, 12) + 1 && value <= System.Numerics.BigInteger.Pow(256, 8);

    /// <summary>validate_subasset_longname: "subasset name too short" (empty child); "can't start with period, can't have
    /// consecutive periods, can't contain anything not in SUBASSET_DIGITS"; "subasset name ends with a period".</summary>
    private static bool IsChild(string child)
    {
        if (child.Length < 1) return false;
        var previous = '.';
        foreach (var c in child)
        {
            if (!ChildDigits.Contains(c, StringComparison.Ordinal)) return false;
            if (c == '.' && previous == '.') return false;
            previous = c;
        }
        return previous != '.';
    }
}
