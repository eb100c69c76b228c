using System.Globalization;

namespace Explorer.Web.Services.Indexed;

/// <summary>Cursor of a block's colored transaction pages (by position, then protocol): <c>txIndex.protocol</c> of the
/// last line.</summary>
public sealed record BlockTxCursor(uint TxIndex, string Protocol)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{TxIndex}.{Protocol}");

    public static bool TryParse(string? text, out BlockTxCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 40) return false;
        var parts = text.Split('.', 2);
        if (parts.Length != 2 || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !InputRules.IsProtocol(parts[1]))
            return false;
        cursor = new BlockTxCursor(index, parts[1]);
        return true;
    }
}
