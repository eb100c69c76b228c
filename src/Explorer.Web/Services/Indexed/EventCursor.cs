using System.Globalization;
using System.Text.RegularExpressions;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// Cursor of newest-first event pages: the sorting key of the last event of the previous page, as text
/// <c>height.txid.protocol.kind.seq.assetId</c> (the asset ID last: Counterparty sub-asset names contain dots).
/// </summary>
public sealed partial record EventCursor(uint Height, string Txid, string Protocol, string Kind, uint Seq, string AssetId)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Height}.{Txid}.{Protocol}.{Kind}.{Seq}.{AssetId}");

    public static EventCursor Of(AssetEventLine e) => new(e.Height, e.Txid, e.Protocol, e.Kind, e.Seq, e.AssetId);

    /// <summary>Parses a cursor; false for anything this type did not write.</summary>
    public static bool TryParse(string? text, out EventCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 300) return false;
        var parts = text.Split('.', 6);
        if (parts.Length != 6
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || !InputRules.IsTxid(parts[1])
            || !InputRules.IsProtocol(parts[2])
            || !KindPattern().IsMatch(parts[3])
            || !uint.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            || !InputRules.IsAssetId(parts[5]))
            return false;
        cursor = new EventCursor(height, parts[1], parts[2], parts[3], seq, parts[5]);
        return true;
    }

    [GeneratedRegex(@"^[a-z_]{1,40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();
}
