namespace Explorer.Web.Services;

/// <summary>The blocks list's store answer, kept from its prerendering for its interactive render (as the tx page's
/// <see cref="Indexed.TxPageState"/>); <see cref="Before"/> is the page's address it answers.</summary>
public sealed record BlockListState(string? Before, IReadOnlyList<IndexedBlock> Blocks);
