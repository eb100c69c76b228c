namespace Explorer.Web.Services.Indexed;

/// <summary>The address page's store answers, kept from its prerendering for its interactive render (as
/// <see cref="TxPageState"/>); <see cref="Key"/> is the page's address and cursors they answer.</summary>
public sealed record AddressPageState(string Key, Page<BalanceLine, BalanceCursor> Balances, Page<AssetEventLine, EventCursor> History,
    IReadOnlyList<ColoredOutputLine> Spent, Page<CounterpartyMessageLine, XcpMessageCursor> Messages,
    Page<XcpLedgerLine, XcpLedgerCursor> Ledger);
