using System.Globalization;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// Resolves the app bar's search text: txid, block hash or height, address (incl. Open Assets colored addresses),
/// asset ID (Open Assets A..., Colu La.../Ua...), Counterparty asset names and subasset longnames (PARENT.child). Every shape is validated before a query.
/// Existence checks only: one statement stopping at the first match per candidate, not the page's reads.
/// </summary>
public sealed class SearchResolver(IndexedQueries queries, MempoolQueries mempool, IOptions<WebOptions> options)
{
    public const int MaxQueryLength = 250;

    public async Task<SearchOutcome> ResolveAsync(string? text, CancellationToken ct)
    {
        var q = (text ?? string.Empty).Trim();
        if (q.Length == 0) return Invalid(q, "Type a txid, block height or hash, address or asset ID.");
        if (q.Length > MaxQueryLength) return Invalid(q, $"Searches are at most {MaxQueryLength} characters long.");

        var hits = new List<SearchHit>();
        if (q.All(char.IsAsciiDigit))
        {
            if (!uint.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
                return Invalid(q, "A block height is a number from 0 to 4294967295.");
            if (await queries.FindBlockAsync(height, null, ct) is not null)
                hits.Add(new SearchHit("block", $"Block {height}", $"/block/{height}"));
            return Done(q, hits, $"No block at height {height} is indexed.");
        }

        var lower = q.ToLowerInvariant();
        if (InputRules.IsTxid(lower))
        {
            if (await queries.TransactionExistsAsync(lower, ct))
                hits.Add(new SearchHit("transaction", $"Transaction {lower}", $"/tx/{lower}"));
            else if (await mempool.GetTransactionAsync(lower, ct) is not null)
                hits.Add(new SearchHit("transaction", $"Unconfirmed transaction {lower}", $"/tx/{lower}"));
            if (await queries.FindBlockAsync(null, lower, ct) is { } block)
                hits.Add(new SearchHit("block", $"Block {block.Height}", $"/block/{block.Hash}"));
            return Done(q, hits, "No colored transaction (indexed or in the mempool) and no indexed block has this hash (uncolored transactions are not indexed).");
        }
        if (q.All(Uri.IsHexDigit) && q.Length >= 60)
            return Invalid(q, "A txid or block hash is exactly 64 hex characters.");

        if (AddressText.Normalize(q, options.Value.ChainNetwork, out var colored) is { } address)
        {
            if (await queries.AddressSeenAsync(address, ct))
                hits.Add(new SearchHit("address", colored ? $"Address {address} (Open Assets colored address {q})" : $"Address {address}",
                    $"/address/{address}"));
            return Done(q, hits, $"Nothing colored is indexed for address {address}.");
        }

        if (AddressText.OtherNetwork(q, options.Value.ChainNetwork) is { } other)
            return Invalid(q, $"This is an address of the {other} network, and this explorer indexes {options.Value.Network}.");

        if (SubassetLongname.Normalize(q) is { } longname)
        {
            foreach (var assetId in await queries.FindCounterpartyLongnameAsync(longname, ct))
                hits.Add(new SearchHit("asset", $"Counterparty asset {longname} ({assetId})",
                    $"/asset/counterparty/{Uri.EscapeDataString(assetId)}"));
            if (hits.Count > 0 || !InputRules.IsAssetId(q))
                return Done(q, hits, $"No indexed Counterparty subasset is named \"{longname}\" (the part after the first period is case-sensitive).");
        }
        if (!InputRules.IsAssetId(q))
            return Invalid(q, "Not a txid, block height or hash, address, asset ID (letters, digits and dots) or Counterparty subasset longname (PARENT.child, the child of letters, digits and . - _ @ !).");
        foreach (var candidate in string.Equals(q, q.ToUpperInvariant(), StringComparison.Ordinal) ? [q] : new[] { q, q.ToUpperInvariant() })
        {
            foreach (var protocol in await queries.FindAssetProtocolsAsync(candidate, ct))
                hits.Add(new SearchHit("asset", $"{ProtocolNames.Title(protocol)} asset {candidate}",
                    $"/asset/{protocol}/{Uri.EscapeDataString(candidate)}"));
            if (hits.Count > 0) break;
        }
        return Done(q, hits, $"No indexed asset, address or transaction matches \"{q}\".");
    }

    private static SearchOutcome Invalid(string q, string message) => new(SearchOutcomeKind.Invalid, q, message, []);

    private static SearchOutcome Done(string q, List<SearchHit> hits, string notFound) => hits.Count switch
    {
        0 => new SearchOutcome(SearchOutcomeKind.NotFound, q, notFound, []),
        1 => new SearchOutcome(SearchOutcomeKind.Exact, q, string.Empty, hits),
        _ => new SearchOutcome(SearchOutcomeKind.Several, q, $"{hits.Count} matches", hits),
    };
}
