namespace Explorer.Web.Services.Indexed;

/// <summary>A Counterparty asset as the ledger left it after its last change (<c>xcp_asset_states</c>): owner, quantity
/// and description locks, description, divisibility, total issued supply, and the transaction of the last change.</summary>
public sealed record XcpAssetState(string Asset, string Longname, string Issuer, byte Divisible, byte Locked, byte DescriptionLocked,
    string Description, long Supply, string LastTxid, uint LastHeight);
