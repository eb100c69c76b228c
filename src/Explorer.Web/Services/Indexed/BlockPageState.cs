namespace Explorer.Web.Services.Indexed;

/// <summary>The block page's store answers, kept from its prerendering for its interactive render (as
/// <see cref="TxPageState"/>): <see cref="Id"/> and <see cref="TxsCursor"/> are the page's address they answer.</summary>
public sealed record BlockPageState(string Id, string? TxsCursor, IndexedBlockDetail Detail, Page<BlockColoredTx, BlockTxCursor> Txs);
