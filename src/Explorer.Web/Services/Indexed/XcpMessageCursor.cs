using System.Globalization;

namespace Explorer.Web.Services.Indexed;

/// <summary>Cursor of an address's Counterparty message pages (newest first): <c>height.txIndex</c> of the last message
/// (a block position holds one transaction, so the pair is unique).</summary>
public sealed record XcpMessageCursor(uint Height, uint TxIndex)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Height}.{TxIndex}");

    public static bool TryParse(string? text, out XcpMessageCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 30) return false;
        var parts = text.Split('.');
        if (parts.Length != 2
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return false;
        cursor = new XcpMessageCursor(height, index);
        return true;
    }
}
