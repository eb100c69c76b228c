using System.Globalization;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// Cursor of newest-first mempool pages: the sorting key of the previous page's last row as
/// <c>firstSeenUnixMs.txid.protocol</c>.
/// </summary>
public sealed record MempoolCursor(long FirstSeenMs, string Txid, string Protocol)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FirstSeenMs}.{Txid}.{Protocol}");

    public static MempoolCursor Of(MempoolLine line) => new(line.FirstSeenMs, line.Txid, line.Protocol);

    /// <summary>Parses a cursor; false for anything this type did not write.</summary>
    public static bool TryParse(string? text, out MempoolCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 120) return false;
        var parts = text.Split('.');
        if (parts.Length != 3
            || parts[0].Length is 0 or > 15
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !InputRules.IsTxid(parts[1])
            || !InputRules.IsProtocol(parts[2]))
            return false;
        cursor = new MempoolCursor(ms, parts[1], parts[2]);
        return true;
    }
}
