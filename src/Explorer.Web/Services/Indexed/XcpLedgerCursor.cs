using System.Globalization;

namespace Explorer.Web.Services.Indexed;

/// <summary>Cursor of an address's Counterparty credit/debit pages (newest first, then credits before debits, then the
/// journal's order): <c>height.txIndex.direction.seq</c> of the last line.</summary>
public sealed record XcpLedgerCursor(uint Height, uint TxIndex, string Direction, uint Seq)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Height}.{TxIndex}.{Direction}.{Seq}");

    public static bool TryParse(string? text, out XcpLedgerCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 50) return false;
        var parts = text.Split('.');
        if (parts.Length != 4
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || parts[2] is not ("credit" or "debit")
            || !uint.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            return false;
        cursor = new XcpLedgerCursor(height, index, parts[2], seq);
        return true;
    }
}
