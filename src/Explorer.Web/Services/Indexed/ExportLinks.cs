using Microsoft.AspNetCore.WebUtilities;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// The API URLs behind a page's lists, for its CSV and JSON links: the same query from the same cursor as the page
/// (so the export starts where the page does), 100 rows a page; later pages through <c>next</c> or the CSV's
/// <c>Link: rel="next"</c> header.
/// </summary>
public static class ExportLinks
{
    public const int PageSize = 100;

    public static string AssetTransfers(string protocol, string assetId, string? cursor, string format) =>
        Of($"/api/v1/assets/{Uri.EscapeDataString(protocol)}/{Uri.EscapeDataString(assetId)}/transfers", cursor, format);

    public static string AssetIssuances(string protocol, string assetId, string format) =>
        QueryHelpers.AddQueryString(Of($"/api/v1/assets/{Uri.EscapeDataString(protocol)}/{Uri.EscapeDataString(assetId)}/transfers", null, format),
            "kind", "issuance");

    public static string AssetHolders(string protocol, string assetId, string? cursor, string format) =>
        Of($"/api/v1/assets/{Uri.EscapeDataString(protocol)}/{Uri.EscapeDataString(assetId)}/holders", cursor, format);

    public static string AddressBalances(string address, string? cursor, string format) =>
        Of($"/api/v1/addresses/{Uri.EscapeDataString(address)}/balances", cursor, format);

    public static string AddressHistory(string address, string? cursor, string format) =>
        Of($"/api/v1/addresses/{Uri.EscapeDataString(address)}/history", cursor, format);

    public static string AddressCounterpartyMessages(string address, string? cursor, string format) =>
        Of($"/api/v1/addresses/{Uri.EscapeDataString(address)}/counterparty-messages", cursor, format);

    public static string AddressCounterpartyLedger(string address, string? cursor, string format) =>
        Of($"/api/v1/addresses/{Uri.EscapeDataString(address)}/counterparty-ledger", cursor, format);

    public static string BlockTransactions(string hash, string? cursor, string format) =>
        Of($"/api/v1/blocks/{Uri.EscapeDataString(hash)}/transactions", cursor, format);

    /// <summary>The block list from height <paramref name="before"/> down (null: the newest); its cursor is <c>before</c>.</summary>
    public static string Blocks(string? before, string format) => Of("/api/v1/blocks", before, format, "before");

    public static string Mempool(string? cursor, string format) => Of("/api/v1/mempool", cursor, format);

    private static string Of(string path, string? cursor, string format, string cursorName = "cursor")
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["format"] = format,
            ["limit"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (cursor is not null) query[cursorName] = cursor;
        return QueryHelpers.AddQueryString(path, query);
    }
}
