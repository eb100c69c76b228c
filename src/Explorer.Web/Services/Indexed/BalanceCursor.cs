namespace Explorer.Web.Services.Indexed;

/// <summary>Cursor of an address's balance pages (by protocol, then asset ID): <c>protocol.assetId</c> of the last line.</summary>
public sealed record BalanceCursor(string Protocol, string AssetId)
{
    public override string ToString() => $"{Protocol}.{AssetId}";

    public static bool TryParse(string? text, out BalanceCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 300) return false;
        // Protocol names have no period; the asset ID may (Counterparty names), so the split is at the first one.
        var parts = text.Split('.', 2);
        if (parts.Length != 2 || !InputRules.IsProtocol(parts[0]) || !InputRules.IsAssetId(parts[1])) return false;
        cursor = new BalanceCursor(parts[0], parts[1]);
        return true;
    }
}
