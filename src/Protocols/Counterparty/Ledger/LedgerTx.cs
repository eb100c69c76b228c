namespace Explorer.Protocols.Counterparty.Ledger;

/// <summary>
/// One Counterparty transaction as the ledger parses it (counterparty-core lib/parser/blocks.py parse_tx: the
/// <c>transactions</c> row): where it sits, what <c>get_tx_info</c> derived (source, destination, BTC amount) and the
/// unpacked message (null for a burn, whose <see cref="IsBurn"/> is set, or when the data did not unpack).
/// </summary>
public sealed record LedgerTx(
    string Txid,
    int TxIndex,
    int Height,
    string? Source,
    string? Destination,
    long BtcAmount,
    bool IsBurn,
    XcpMessage? Message,
    string? UnpackError);
