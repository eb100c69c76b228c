using Explorer.Web.Services;

namespace Explorer.Web.Api;

/// <summary>
/// One page of <c>GET /api/v1/blocks</c>, newest first. <see cref="Next"/> is the cursor for the following page
/// (<c>?before=Next</c>), null on the last page.
/// </summary>
public sealed record BlocksPage(IReadOnlyList<IndexedBlock> Blocks, uint? Next);
