using System.Globalization;
using ClickHouse.Driver;
using Explorer.Web.Services.Indexed;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Explorer.Web.Api;

/// <summary><c>GET /api/v1/mempool</c>: unconfirmed colored transactions, newest first, cursor-paged.</summary>
public static class MempoolEndpoints
{
    public static IEndpointRouteBuilder MapMempoolApi(this RouteGroupBuilder api)
    {
        api.MapGet("/mempool", MempoolAsync).WithName("Mempool")
            .WithSummary("Unconfirmed colored transactions (one item per transaction and protocol), newest first; cursor paging");
        return api;
    }

    public static async Task<IResult> MempoolAsync(MempoolQueries mempool, string? cursor, int? limit, CancellationToken ct)
    {
        if (!InputRules.TryPageSize(limit, out var size))
            return TypedResults.BadRequest(new ApiError($"limit must be 1 or more (at most {InputRules.MaxPageSize} are returned)"));
        MempoolCursor? after = null;
        if (cursor is not null && !MempoolCursor.TryParse(cursor, out after))
            return TypedResults.BadRequest(new ApiError("cursor is not one this API returned"));
        try
        {
            var page = await mempool.GetPageAsync(after, size, ct);
            return TypedResults.Ok(new
            {
                page.Available,
                page.Count,
                Items = page.Items.Select(m => new
                {
                    m.Txid, m.Protocol, m.Kind, Valid = m.Valid == 1, Error = m.Error.Length == 0 ? null : m.Error,
                    FirstSeen = m.FirstSeen.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                }),
                Next = page.Next?.ToString(),
            });
        }
        catch (Exception ex) when (ex is HttpRequestException or ClickHouseServerException)
        {
            return TypedResults.Json(new ApiError("store unavailable: " + ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
