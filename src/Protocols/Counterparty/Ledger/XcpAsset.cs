namespace Explorer.Protocols.Counterparty.Ledger;

/// <summary>
/// An asset's state after its last valid issuance (counterparty-core <c>assets</c> plus the last <c>issuances</c> row):
/// name, subasset longname, issuer (owner), divisibility, quantity lock, description (and its lock), total issued
/// supply, and where it was first issued.
/// </summary>
public sealed record XcpAsset(
    string Name,
    string? Longname,
    string Issuer,
    bool Divisible,
    bool Locked,
    bool DescriptionLocked,
    string Description,
    long Supply,
    string FirstTxid,
    int FirstHeight);
