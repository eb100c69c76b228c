using System.Globalization;
using ClickHouse.Driver;
using Explorer.Web.Services.Indexed;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Explorer.Web.Api;

/// <summary><c>GET /api/v1/mempool</c>: unconfirmed colored transactions, newest first, cursor-paged; <c>format=csv</c>
/// (the next page in the <c>Link</c> header, <see cref="CsvPage"/>).</summary>
public static class MempoolEndpoints
{
    public static IEndpointRouteBuilder MapMempoolApi(this RouteGroupBuilder api)
    {
        api.MapGet("/mempool", MempoolAsync).WithName("Mempool").Produces(StatusCodes.Status200OK, null, "application/json")
            .WithSummary("Unconfirmed colored transactions (one item per transaction and protocol), newest first; cursor paging; format=csv (next page in the Link header)");
        return api;
    }

    public static readonly string[] CsvColumns = ["txid", "protocol", "kind", "valid", "error", "first_seen"];

    public static async Task<IResult> MempoolAsync(HttpContext http, MempoolQueries mempool, string? cursor, int? limit, string? format, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv")) return TypedResults.BadRequest(new ApiError("format must be json or csv"));
        if (!InputRules.TryPageSize(limit, out var size))
            return TypedResults.BadRequest(new ApiError($"limit must be 1 or more (at most {InputRules.MaxPageSize} are returned)"));
        MempoolCursor? after = null;
        if (cursor is not null && !MempoolCursor.TryParse(cursor, out after))
            return TypedResults.BadRequest(new ApiError("cursor is not one this API returned"));
        try
        {
            var page = await mempool.GetPageAsync(after, size, ct);
            if (format == "csv")
                return CsvPage.Of(http, Csv.Write(CsvColumns, page.Items.Select(m => (IReadOnlyList<string>)
                    [m.Txid, m.Protocol, m.Kind, m.Valid == 1 ? "true" : "false", m.Error, FirstSeen(m.FirstSeen)])), page.Next?.ToString());
            return TypedResults.Ok(new
            {
                page.Available,
                page.Count,
                Items = page.Items.Select(m => new
                {
                    m.Txid, m.Protocol, m.Kind, Valid = m.Valid == 1, Error = m.Error.Length == 0 ? null : m.Error,
                    FirstSeen = FirstSeen(m.FirstSeen),
                }),
                Next = page.Next?.ToString(),
            });
        }
        catch (Exception ex) when (Explorer.Web.Services.StoreFailures.Is(ex))
        {
            return TypedResults.Json(new ApiError("store unavailable: " + Explorer.Web.Services.StoreFailures.Describe(ex)), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static string FirstSeen(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
