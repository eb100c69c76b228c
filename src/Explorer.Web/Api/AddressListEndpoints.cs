using System.Globalization;
using ClickHouse.Driver;
using Explorer.Web.Services;
using Explorer.Web.Services.Indexed;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Api;

/// <summary>
/// An address's unbounded lists, each cursor-paged with a CSV form of the same query (what the address page links
/// to): <c>/addresses/{address}/balances</c> (by protocol and asset ID), <c>/addresses/{address}/history</c> (newest
/// first, the cursor of <c>/addresses/{address}</c>), <c>counterparty-messages</c> and <c>counterparty-ledger</c>. Inputs validated before a query (400), store failures 503.
/// </summary>
public static class AddressListEndpoints
{
    public static RouteGroupBuilder MapAddressLists(this RouteGroupBuilder api)
    {
        api.MapGet("/addresses/{address}/balances", BalancesAsync).WithName("AddressBalances").Produces(StatusCodes.Status200OK, null, "application/json")
            .WithSummary("Colored balances of an address by protocol and asset ID; cursor paging; format=csv (next page in the Link header)");
        api.MapGet("/addresses/{address}/history", HistoryAsync).WithName("AddressHistory").Produces(StatusCodes.Status200OK, null, "application/json")
            .WithSummary("Asset events naming an address, newest first; cursor paging; format=csv (next page in the Link header)");
        api.MapGet("/addresses/{address}/counterparty-messages", MessagesAsync).WithName("AddressCounterpartyMessages").Produces(StatusCodes.Status200OK, null, "application/json")
            .WithSummary("Counterparty messages sent from or to an address, newest first; cursor paging; format=csv (next page in the Link header)");
        api.MapGet("/addresses/{address}/counterparty-ledger", LedgerAsync).WithName("AddressCounterpartyLedger").Produces(StatusCodes.Status200OK, null, "application/json")
            .WithSummary("Counterparty credits and debits of an address (the explorer's ledger), newest first; cursor paging; format=csv");
        return api;
    }

    public static Task<IResult> BalancesAsync(HttpContext http, IndexedQueries queries, IOptions<WebOptions> options, string address,
        string? cursor, int? limit, string? format, CancellationToken ct) =>
        ListAsync<BalanceLine, BalanceCursor>(http, options.Value, address, cursor, limit, format, BalanceCursor.TryParse, queries.GetBalancesPageAsync,
            ["protocol", "asset_id", "quantity", "outputs"],
            b => [b.Protocol, b.AssetId, Inv(b.Quantity), Inv(b.Outputs)],
            b => new { b.Protocol, b.AssetId, b.Quantity, b.Outputs }, ct);

    public static Task<IResult> HistoryAsync(HttpContext http, IndexedQueries queries, IOptions<WebOptions> options, string address,
        string? cursor, int? limit, string? format, CancellationToken ct) =>
        ListAsync<AssetEventLine, EventCursor>(http, options.Value, address, cursor, limit, format, EventCursor.TryParse, queries.GetAddressEventsAsync,
            ["height", "txid", "protocol", "asset_id", "kind", "seq", "quantity", "n", "ledger_status"],
            e => [Inv(e.Height), e.Txid, e.Protocol, e.AssetId, e.Kind, Inv(e.Seq), Inv(e.Quantity), (e.N < 0 ? string.Empty : Inv(e.N)), e.LedgerStatus ?? string.Empty],
            e => new { e.Height, e.Txid, e.Protocol, e.AssetId, e.Kind, e.Seq, e.Quantity, N = e.N < 0 ? (int?)null : e.N, e.LedgerStatus }, ct);

    public static Task<IResult> MessagesAsync(HttpContext http, IndexedQueries queries, IOptions<WebOptions> options, string address,
        string? cursor, int? limit, string? format, CancellationToken ct) =>
        ListAsync<CounterpartyMessageLine, XcpMessageCursor>(http, options.Value, address, cursor, limit, format, XcpMessageCursor.TryParse,
            queries.GetCounterpartyMessagesPageAsync,
            ["height", "tx_index", "txid", "message_type", "source", "destination", "asset", "quantity", "valid", "ledger_status"],
            m => [Inv(m.Height), Inv(m.TxIndex), m.Txid, m.MessageType, m.Source, m.Destination, m.Asset, Inv(m.Quantity), m.Valid == 1 ? "true" : "false", m.LedgerStatus ?? string.Empty],
            m => new
            {
                m.Height, m.TxIndex, m.Txid, m.MessageType, m.Source, Destination = m.Destination.Length == 0 ? null : m.Destination,
                m.Asset, m.Quantity, Valid = m.Valid == 1, m.LedgerStatus,
            }, ct);

    public static Task<IResult> LedgerAsync(HttpContext http, CounterpartyLedgerQueries ledger, IOptions<WebOptions> options, string address,
        string? cursor, int? limit, string? format, CancellationToken ct) =>
        ListAsync<XcpLedgerLine, XcpLedgerCursor>(http, options.Value, address, cursor, limit, format, XcpLedgerCursor.TryParse, ledger.GetAddressLinesPageAsync,
            ["height", "tx_index", "txid", "direction", "seq", "asset", "quantity", "action"],
            l => [Inv(l.Height), Inv(l.TxIndex), l.Txid, l.Direction, Inv(l.Seq), l.Asset, Inv(l.Quantity), l.Action],
            l => new { l.Height, l.TxIndex, l.Txid, l.Direction, l.Seq, l.Asset, l.Quantity, l.Action }, ct);

    private delegate bool TryParseCursor<TCursor>(string? text, out TCursor? cursor);

    /// <summary>One page of an address's list: inputs checked (400), the page read, then CSV (next page in the Link
    /// header) or JSON (<c>address</c>, <c>items</c>, <c>next</c>); store failures 503.</summary>
    private static async Task<IResult> ListAsync<TRow, TCursor>(HttpContext http, WebOptions options, string address, string? cursor, int? limit,
        string? format, TryParseCursor<TCursor> parse, Func<string, TCursor?, int, CancellationToken, Task<Page<TRow, TCursor>>> query,
        string[] csvColumns, Func<TRow, IReadOnlyList<string>> csvRow, Func<TRow, object> jsonItem, CancellationToken ct)
        where TCursor : class
    {
        if (Check(options, address, limit, format) is { } bad) return bad;
        var plain = AddressText.Normalize(address, options.ChainNetwork, out _)!;
        TCursor? after = null;
        if (cursor is not null && !parse(cursor, out after)) return Bad("cursor is not one this API returned");
        InputRules.TryPageSize(limit, out var size);
        try
        {
            var page = await query(plain, after, size, ct);
            if (format == "csv") return CsvPage.Of(http, Csv.Write(csvColumns, page.Items.Select(csvRow)), page.Next?.ToString());
            return TypedResults.Ok(new { Address = plain, Items = page.Items.Select(jsonItem), Next = page.Next?.ToString() });
        }
        catch (Exception ex) when (Explorer.Web.Services.StoreFailures.Is(ex))
        {
            return Unavailable(ex);
        }
    }

    private static BadRequest<ApiError>? Check(WebOptions options, string address, int? limit, string? format)
    {
        if (AddressText.Normalize(address, options.ChainNetwork, out _) is null)
            return Bad(AddressText.NotAnAddress(address, options.ChainNetwork, options.Network));
        if (!InputRules.TryPageSize(limit, out _)) return Bad($"limit must be 1 or more (at most {InputRules.MaxPageSize} are returned)");
        return format is null or "json" or "csv" ? null : Bad("format must be json or csv");
    }

    private static BadRequest<ApiError> Bad(string message) => TypedResults.BadRequest(new ApiError(message));

    private static JsonHttpResult<ApiError> Unavailable(Exception ex) =>
        TypedResults.Json(new ApiError("store unavailable: " + Explorer.Web.Services.StoreFailures.Describe(ex)), statusCode: StatusCodes.Status503ServiceUnavailable);

    private static string Inv<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
