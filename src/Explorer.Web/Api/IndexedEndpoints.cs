using System.Globalization;
using ClickHouse.Driver;
using Explorer.Web.Services.Indexed;
using Microsoft.Extensions.Options;
using Explorer.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Explorer.Web.Api;

/// <summary>
/// <c>/api/v1</c> routes over indexed data: tx, blocks/{id}, assets/{protocol}/{id} (+ transfers, holders, CSV),
/// addresses/{address}, search. Inputs are validated before any query (400); unknown keys are 404; store failures 503.
/// </summary>
public static class IndexedEndpoints
{
    public static IEndpointRouteBuilder MapIndexedApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tx/{txid}", TxAsync).WithName("Transaction").Produces(StatusCodes.Status200OK, null, "application/json").Produces<ApiError>(StatusCodes.Status404NotFound, "application/json")
            .WithSummary("A colored transaction as indexed: the decode contract's answer plus blockHash, height, confirmations, colored outputs/inputs");
        api.MapGet("/blocks/{id}", BlockAsync).WithName("Block").Produces(StatusCodes.Status200OK, null, "application/json").Produces<ApiError>(StatusCodes.Status404NotFound, "application/json")
            .WithSummary("An indexed block by height or hash, with its colored transactions");
        api.MapGet("/assets/{protocol}/{assetId}", AssetAsync).WithName("Asset").Produces(StatusCodes.Status200OK, null, "application/json").Produces<ApiError>(StatusCodes.Status404NotFound, "application/json")
            .WithSummary("An asset (protocol: openassets|colu|counterparty): metadata, divisibility, lock, first issuance, supply, issuances");
        api.MapGet("/assets/{protocol}/{assetId}/transfers", TransfersAsync).WithName("AssetTransfers").Produces(StatusCodes.Status200OK, null, "application/json").Produces<ApiError>(StatusCodes.Status404NotFound, "application/json")
            .WithSummary("An asset's events (issuance, transfer, burn, destroyed, ...), newest first, of one kind with kind=; cursor paging; format=csv");
        api.MapGet("/assets/{protocol}/{assetId}/holders", HoldersAsync).WithName("AssetHolders").Produces(StatusCodes.Status200OK, null, "application/json").Produces<ApiError>(StatusCodes.Status404NotFound, "application/json")
            .WithSummary("An asset's holders (unspent colored outputs), largest first; cursor paging; format=csv");
        api.MapGet("/addresses/{address}", AddressAsync).WithName("Address").Produces(StatusCodes.Status200OK, null, "application/json").Produces<ApiError>(StatusCodes.Status404NotFound, "application/json")
            .WithSummary("Colored balances of an address (Open Assets colored addresses accepted) and its history, newest first");
        api.MapGet("/search", SearchAsync).WithName("Search").Produces(StatusCodes.Status200OK, null, "application/json").Produces<ApiError>(StatusCodes.Status404NotFound, "application/json")
            .WithSummary("Resolves a txid, block height/hash, address, asset ID or Counterparty asset name");
        api.MapAddressLists();
        api.MapBlockTransactions();
        return api;
    }

    private static BadRequest<ApiError> Bad(string message) => TypedResults.BadRequest(new ApiError(message));

    private static NotFound<ApiError> Missing(string message) => TypedResults.NotFound(new ApiError(message));

    private static JsonHttpResult<ApiError> Unavailable(Exception ex) =>
        TypedResults.Json(new ApiError("store unavailable: " + Explorer.Web.Services.StoreFailures.Describe(ex)), statusCode: StatusCodes.Status503ServiceUnavailable);

    private static bool IsStoreFailure(Exception ex) => StoreFailures.Is(ex);

    public static async Task<IResult> TxAsync(IndexedQueries queries, MempoolQueries mempool, string txid, CancellationToken ct)
    {
        txid = txid.ToLowerInvariant(); // the pages take either case; txids are stored lowercase
        if (!InputRules.IsTxid(txid)) return Bad("txid must be 64 hex characters");
        try
        {
            // A mined transaction is answered from the blocks even while the mempool still lists it.
            var tx = await queries.GetTransactionAsync(txid, ct) ?? await mempool.GetTransactionAsync(txid, ct);
            return tx is null
                ? Missing($"transaction {txid} is neither an indexed nor an unconfirmed colored transaction")
                : TypedResults.Text(TransactionAnswer.Build(tx).ToJsonString(Explorer.Protocols.Decoding.DecodeJson.Options), "application/json");
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            return Unavailable(ex);
        }
    }

    public static async Task<IResult> BlockAsync(IndexedQueries queries, string id, CancellationToken ct)
    {
        uint? height = null;
        string? hash = null;
        if (id.Length is > 0 and <= 10 && id.All(char.IsAsciiDigit) && uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var h))
            height = h;
        else if (InputRules.IsTxid(id.ToLowerInvariant()))
            hash = id.ToLowerInvariant(); // the pages take either case; hashes are stored lowercase
        else
            return Bad("id must be a block height (0..4294967295) or a 64-hex-character block hash");
        try
        {
            var block = await queries.GetBlockAsync(height, hash, ct);
            if (block is null)
                return hash is not null && await queries.GetStaleBlockAsync(hash, ct) is { } stale
                    ? Missing($"block {hash} is stale: indexed at height {stale.Height}, then replaced in a reorg by "
                        + (stale.ReplacedBy is { } by ? by : "no block (the best chain is lower now)"))
                    : Missing($"block {id} is not indexed");
            return TypedResults.Ok(new
            {
                block.Block.Height, block.Block.Hash, block.Block.Time, block.Block.TxCount, block.Block.ColoredTxCount,
                block.Confirmations,
                ColoredTransactions = block.Transactions.Select(t => new { t.Txid, t.Protocol, t.TxIndex, t.Kind, Valid = t.Valid == 1, t.Error }),
            });
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            return Unavailable(ex);
        }
    }

    private static BadRequest<ApiError>? CheckAsset(string protocol, string assetId) =>
        !InputRules.IsProtocol(protocol) ? Bad("protocol must be openassets, colu or counterparty")
        : !InputRules.IsAssetId(assetId) ? Bad("assetId must be letters, digits, '.', '_' or '-' (at most 250)")
        : null;

    public static async Task<IResult> AssetAsync(IndexedQueries queries, string protocol, string assetId, CancellationToken ct)
    {
        if (CheckAsset(protocol, assetId) is { } bad) return bad;
        try
        {
            var asset = await queries.GetAssetAsync(protocol, assetId, ct);
            if (asset is null) return Missing($"{protocol} asset {assetId} is not indexed");
            var r = asset.Record;
            return TypedResults.Ok(new
            {
                asset.Protocol, asset.AssetId,
                // Absent is null whatever the protocol (the table stores '' where a protocol has no such field).
                Name = OrNull(r?.Name), MetadataHex = OrNull(r?.MetadataHex), MetadataUtf8 = OrNull(r?.MetadataUtf8), DefinitionUrl = OrNull(r?.DefinitionUrl),
                Divisibility = r is { Divisibility: >= 0 } ? r.Divisibility : (short?)null,
                Locked = r is { LockStatus: >= 0 } ? r.LockStatus == 1 : (bool?)null,
                AggregationPolicy = string.IsNullOrEmpty(r?.AggregationPolicy) ? null : r.AggregationPolicy,
                FirstIssuance = r is null ? null : new { Txid = r.FirstTxid, Height = r.FirstHeight, BlockHash = r.FirstBlockHash },
                Supply = new { asset.Issued, asset.Removed, asset.Circulating, Holders = asset.HolderCount },
                asset.IssuanceCount, asset.EventCount,
                Issuances = asset.Issuances.Select(Event),
            });
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            return Unavailable(ex);
        }
    }

    private static string? OrNull(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static object Event(AssetEventLine e) => new
    {
        e.Height, e.Txid, e.Kind, e.Seq, e.Quantity,
        Address = e.Address.Length == 0 ? null : e.Address,
        N = e.N < 0 ? (int?)null : e.N,
        Protocol = e.Protocol, e.AssetId,
        e.LedgerStatus,
    };

    public static async Task<IResult> TransfersAsync(HttpContext http, IndexedQueries queries, string protocol, string assetId, string? cursor, int? limit,
        string? format, string? kind, CancellationToken ct)
    {
        if (CheckAsset(protocol, assetId) is { } bad) return bad;
        if (kind is not null && !InputRules.IsEventKind(kind)) return Bad("kind must be an event kind such as issuance, transfer, burn or destroyed");
        if (!InputRules.TryPageSize(limit, out var size)) return Bad($"limit must be 1 or more (at most {InputRules.MaxPageSize} are returned)");
        EventCursor? after = null;
        if (cursor is not null && !EventCursor.TryParse(cursor, out after)) return Bad("cursor is not one this API returned");
        if (format is not (null or "json" or "csv")) return Bad("format must be json or csv");
        try
        {
            var page = await queries.GetAssetEventsAsync(protocol, assetId, after, size, kind, ct);
            if (format == "csv")
                return CsvPage.Of(http, Csv.Write(["height", "txid", "kind", "seq", "quantity", "address", "n", "ledger_status"],
                    page.Items.Select(e => (IReadOnlyList<string>)[Inv(e.Height), e.Txid, e.Kind, Inv(e.Seq), Inv(e.Quantity), e.Address, (e.N < 0 ? string.Empty : Inv(e.N)), e.LedgerStatus ?? string.Empty])),
                    page.Next?.ToString());
            return TypedResults.Ok(new { Items = page.Items.Select(Event), Next = page.Next?.ToString() });
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            return Unavailable(ex);
        }
    }

    public static async Task<IResult> HoldersAsync(HttpContext http, IndexedQueries queries, string protocol, string assetId, string? cursor, int? limit,
        string? format, CancellationToken ct)
    {
        if (CheckAsset(protocol, assetId) is { } bad) return bad;
        if (!InputRules.TryPageSize(limit, out var size)) return Bad($"limit must be 1 or more (at most {InputRules.MaxPageSize} are returned)");
        HolderCursor? after = null;
        if (cursor is not null && !HolderCursor.TryParse(cursor, out after)) return Bad("cursor is not one this API returned");
        if (format is not (null or "json" or "csv")) return Bad("format must be json or csv");
        try
        {
            var page = await queries.GetHoldersAsync(protocol, assetId, after, size, ct);
            if (format == "csv")
                return CsvPage.Of(http, Csv.Write(["address", "quantity", "outputs"],
                    page.Items.Select(b => (IReadOnlyList<string>)[b.Address, Inv(b.Quantity), Inv(b.Outputs)])), page.Next?.ToString());
            return TypedResults.Ok(new
            {
                Items = page.Items.Select(b => new { Address = b.Address.Length == 0 ? null : b.Address, b.Quantity, b.Outputs }),
                Next = page.Next?.ToString(),
            });
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            return Unavailable(ex);
        }
    }

    public static async Task<IResult> AddressAsync(IndexedQueries queries, IOptions<WebOptions> options, string address, string? cursor,
        int? limit, CancellationToken ct)
    {
        if (AddressText.Normalize(address, options.Value.ChainNetwork, out var colored) is not { } plain)
            return Bad(AddressText.NotAnAddress(address, options.Value.ChainNetwork, options.Value.Network));
        if (!InputRules.TryPageSize(limit, out var size)) return Bad($"limit must be 1 or more (at most {InputRules.MaxPageSize} are returned)");
        EventCursor? after = null;
        if (cursor is not null && !EventCursor.TryParse(cursor, out after)) return Bad("cursor is not one this API returned");
        try
        {
            var balances = await queries.GetBalancesAsync(plain, ct);
            var history = await queries.GetAddressEventsAsync(plain, after, size, ct);
            var messages = after is null ? await queries.GetCounterpartyMessagesAsync(plain, ct) : [];
            if (balances.Count == 0 && history.Items.Count == 0 && messages.Count == 0 && after is null && !await queries.AddressSeenAsync(plain, ct))
                return Missing($"address {plain} has no indexed colored outputs or events");
            return TypedResults.Ok(new
            {
                Address = plain,
                ColoredAddress = colored ? address : null,
                Balances = balances.Select(b => new { b.Protocol, b.AssetId, b.Quantity, b.Outputs }),
                History = history.Items.Select(Event),
                Next = history.Next?.ToString(),
                CounterpartyMessages = messages.Select(m => new
                {
                    m.Txid, m.Height, m.MessageType, m.Source, Destination = m.Destination.Length == 0 ? null : m.Destination,
                    m.Asset, m.Quantity, Valid = m.Valid == 1,
                }),
            });
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            return Unavailable(ex);
        }
    }

    public static async Task<IResult> SearchAsync(SearchResolver resolver, string? q, CancellationToken ct)
    {
        try
        {
            var outcome = await resolver.ResolveAsync(q, ct);
            return outcome.Kind switch
            {
                SearchOutcomeKind.Invalid => Bad(outcome.Message),
                SearchOutcomeKind.NotFound => Missing(outcome.Message),
                _ => TypedResults.Ok(new { outcome.Query, Hits = outcome.Hits }),
            };
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            return Unavailable(ex);
        }
    }

    private static string Inv<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
