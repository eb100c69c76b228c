using System.Globalization;

namespace Explorer.Web.Services.Indexed;

/// <summary>Cursor of holder pages (largest balance first, then address): <c>quantity.address</c> of the last holder.</summary>
public sealed record HolderCursor(ulong Quantity, string Address)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Quantity}.{Address}");

    public static bool TryParse(string? text, out HolderCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 150) return false;
        var parts = text.Split('.', 2);
        if (parts.Length != 2
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)
            || (parts[1].Length > 0 && !InputRules.IsAddressText(parts[1])))
            return false;
        cursor = new HolderCursor(quantity, parts[1]);
        return true;
    }
}
