using System.Globalization;
using ClickHouse.Driver;
using Explorer.Web.Services.Indexed;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Explorer.Web.Api;

/// <summary>
/// <c>GET /api/v1/blocks/{id}/transactions</c>: a block's colored transactions, all of them, cursor-paged by position
/// (<c>GET /api/v1/blocks/{id}</c> lists the first 1000), with a CSV form (next page in the Link header).
/// </summary>
public static class BlockTransactionsEndpoint
{
    public static RouteGroupBuilder MapBlockTransactions(this RouteGroupBuilder api)
    {
        api.MapGet("/blocks/{id}/transactions", TransactionsAsync).WithName("BlockTransactions").Produces(StatusCodes.Status200OK, null, "application/json").Produces<ApiError>(StatusCodes.Status404NotFound, "application/json")
            .WithSummary("A block's colored transactions by position; cursor paging; format=csv (next page in the Link header)");
        return api;
    }

    public static async Task<IResult> TransactionsAsync(HttpContext http, IndexedQueries queries, string id, string? cursor, int? limit,
        string? format, CancellationToken ct)
    {
        uint? height = null;
        string? hash = null;
        if (id.Length is > 0 and <= 10 && id.All(char.IsAsciiDigit) && uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var h))
            height = h;
        else if (InputRules.IsTxid(id.ToLowerInvariant()))
            hash = id.ToLowerInvariant(); // the pages take either case; hashes are stored lowercase
        else
            return Bad("id must be a block height (0..4294967295) or a 64-hex-character block hash");
        if (!InputRules.TryPageSize(limit, out var size)) return Bad($"limit must be 1 or more (at most {InputRules.MaxPageSize} are returned)");
        BlockTxCursor? after = null;
        if (cursor is not null && !BlockTxCursor.TryParse(cursor, out after)) return Bad("cursor is not one this API returned");
        if (format is not (null or "json" or "csv")) return Bad("format must be json or csv");
        try
        {
            var block = await queries.GetBlockAsync(height, hash, 0, ct);
            if (block is null) return TypedResults.NotFound(new ApiError($"block {id} is not indexed"));
            var page = await queries.GetBlockTransactionsAsync(block.Block.Height, block.Block.Hash, after, size, ct);
            if (format == "csv")
                return CsvPage.Of(http, Csv.Write(["tx_index", "txid", "protocol", "kind", "valid", "error"],
                    page.Items.Select(t => (IReadOnlyList<string>)[t.TxIndex.ToString(CultureInfo.InvariantCulture), t.Txid, t.Protocol, t.Kind,
                        t.Valid == 1 ? "true" : "false", t.Error])), page.Next?.ToString());
            return TypedResults.Ok(new
            {
                block.Block.Height, block.Block.Hash,
                Items = page.Items.Select(t => new { t.Txid, t.Protocol, t.TxIndex, t.Kind, Valid = t.Valid == 1, t.Error }),
                Next = page.Next?.ToString(),
            });
        }
        catch (Exception ex) when (Explorer.Web.Services.StoreFailures.Is(ex))
        {
            return TypedResults.Json(new ApiError("store unavailable: " + Explorer.Web.Services.StoreFailures.Describe(ex)), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static BadRequest<ApiError> Bad(string message) => TypedResults.BadRequest(new ApiError(message));
}
