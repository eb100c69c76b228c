using Explorer.Web.Services;

namespace Explorer.Web.Api;

/// <summary><c>GET /api/v1/blocks?limit=N&amp;before=H</c>: indexed blocks, newest first, cursor-paged.</summary>
public static class BlocksEndpoint
{
    public const int DefaultLimit = 20;

    public static async Task<IResult> HandleAsync(ExplorerQueries queries, int? limit, uint? before, CancellationToken ct)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > ExplorerQueries.MaxLatestBlocks)
            return TypedResults.BadRequest(new ApiError($"limit must be between 1 and {ExplorerQueries.MaxLatestBlocks}"));
        try
        {
            var blocks = await queries.GetLatestBlocksAsync(size, before, ct);
            // A full page may have more below it; the client asks with before = the last height.
            uint? next = blocks.Count == size && blocks[^1].Height > 0 ? blocks[^1].Height : null;
            return TypedResults.Ok(new BlocksPage(blocks, next));
        }
        catch (Exception ex) when (ex is HttpRequestException or global::ClickHouse.Driver.ClickHouseServerException)
        {
            return TypedResults.Json(new ApiError("store unavailable: " + ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
