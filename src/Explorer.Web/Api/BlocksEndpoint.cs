using System.Globalization;
using Explorer.Web.Services;

namespace Explorer.Web.Api;

/// <summary><c>GET /api/v1/blocks?limit=N&amp;before=H&amp;format=json|csv</c>: indexed blocks, newest first, cursor-paged
/// (CSV: the next page in the <c>Link</c> header, <see cref="CsvPage"/>).</summary>
public static class BlocksEndpoint
{
    public const int DefaultLimit = 20;

    public static readonly string[] CsvColumns = ["height", "hash", "time", "tx_count", "colored_tx_count"];

    public static async Task<IResult> HandleAsync(HttpContext http, ExplorerQueries queries, int? limit, uint? before, string? format, CancellationToken ct)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > ExplorerQueries.MaxLatestBlocks)
            return TypedResults.BadRequest(new ApiError($"limit must be between 1 and {ExplorerQueries.MaxLatestBlocks}"));
        if (format is not (null or "json" or "csv")) return TypedResults.BadRequest(new ApiError("format must be json or csv"));
        try
        {
            var blocks = await queries.GetLatestBlocksAsync(size, before, ct);
            // A full page may have more below it; the client asks with before = the last height.
            uint? next = blocks.Count == size && blocks[^1].Height > 0 ? blocks[^1].Height : null;
            if (format == "csv")
                return CsvPage.Of(http, Csv.Write(CsvColumns, blocks.Select(b => (IReadOnlyList<string>)
                    [
                        b.Height.ToString(CultureInfo.InvariantCulture), b.Hash,
                        b.Time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        b.TxCount.ToString(CultureInfo.InvariantCulture), b.ColoredTxCount.ToString(CultureInfo.InvariantCulture),
                    ])), next?.ToString(CultureInfo.InvariantCulture), "before");
            return TypedResults.Ok(new BlocksPage(blocks, next));
        }
        catch (Exception ex) when (Explorer.Web.Services.StoreFailures.Is(ex))
        {
            return TypedResults.Json(new ApiError("store unavailable: " + Explorer.Web.Services.StoreFailures.Describe(ex)), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
