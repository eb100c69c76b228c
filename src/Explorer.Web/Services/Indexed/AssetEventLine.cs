namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>asset_events</c> row (issuance, transfer, burn, destroyed, Counterparty message kinds).</summary>
public sealed record AssetEventLine(string Protocol, string AssetId, uint Height, string Txid, string Kind, uint Seq,
    ulong Quantity, string Address, int N);
