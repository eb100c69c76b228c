using Explorer.Web.Services.Indexed;

namespace Explorer.Web.Services;

/// <summary>The home page's store answers, kept from its prerendering for its interactive render (as the tx page's
/// <see cref="TxPageState"/>); later reads are the live refreshes.</summary>
public sealed record HomePageState(StoreStatus Status, IReadOnlyList<IndexedBlock> ChartBlocks,
    IReadOnlyList<LatestColoredTx> LatestColored, string? BlocksError);
