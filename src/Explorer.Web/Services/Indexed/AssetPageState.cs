namespace Explorer.Web.Services.Indexed;

/// <summary>The asset page's store answers, kept from its prerendering for its interactive render (as
/// <see cref="TxPageState"/>); the first four members are the page's address they answer.</summary>
public sealed record AssetPageState(string Protocol, string AssetId, string? TransfersCursor, string? HoldersCursor,
    IndexedAsset Asset, IReadOnlyList<ActivityBar> Activity, Page<AssetEventLine, EventCursor> Events,
    Page<BalanceLine, HolderCursor> Holders, XcpAssetState? XcpState);
