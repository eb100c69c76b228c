using System.Collections.Immutable;

namespace Explorer.Web.Services;

/// <summary>
/// The store status shown on the home page and answered by <c>GET /api/v1/status</c>. <see cref="Message"/> is a
/// sentence for people, e.g. "store unreachable: Connection refused (127.0.0.1:8123)".
/// </summary>
public sealed record StoreStatus(
    StoreState State,
    string Message,
    string Database,
    string? ServerVersion,
    ImmutableArray<string> Tables,
    IndexedBlock? Tip,
    ulong BlockCount,
    ulong ColoredTxCount,
    ImmutableArray<IndexerProgress> Progress,
    DateTimeOffset CheckedAt);

