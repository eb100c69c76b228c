using System.Collections.Immutable;
using Dapper;
using Explorer.BlockFiles;
using Explorer.Protocols.Decoding;
using Explorer.Web.Tests.Indexed;
using NBitcoin;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// Writes <c>mempool_transactions</c> rows (sql/003_mempool.sql, request_json: sql/008) the way the indexer's mempool
/// reader does: the raw transaction decoded by the project's own decoder with its prevouts (the outputs it spends, read
/// from the Core regtest fixture's blocks folder as a node's <c>gettxout</c> answers them) and its inputs' colors read
/// from the indexed colored outputs, without raw views, next to the request context (<see cref="DecodeRequestContext"/>);
/// one row per protocol key that is not null in the answer, kind/valid/error read from that protocol's answer; removal
/// is a newer version with is_removed = 1.
/// </summary>
public static class MempoolRows
{
    private static readonly Lazy<Dictionary<uint256, Transaction>> FixtureTransactions = new(() =>
    {
        var all = new Dictionary<uint256, Transaction>();
        using var reader = BlocksFolderReader.Open(Path.Combine(RegtestTruth.Folder, "blocks"), NetworkMagic.RegTest);
        foreach (var record in reader.Blocks)
            foreach (var tx in Block.Load(reader.ReadBlock(record), Network.RegTest).Transactions)
                all[tx.GetHash()] = tx;
        return all;
    });

    /// <summary>The output an input spends, from the fixture's blocks (null when they do not hold it).</summary>
    private static TxOut? Prevout(OutPoint outpoint) =>
        FixtureTransactions.Value.TryGetValue(outpoint.Hash, out var funding) && outpoint.N < funding.Outputs.Count
            ? funding.Outputs[(int)outpoint.N] : null;

    public static async Task InsertAsync(StoreDatabase store, string rawHex, DateTime firstSeen, ulong version = 1, bool removed = false,
        CancellationToken ct = default)
    {
        var tx = Transaction.Parse(rawHex, Network.RegTest);
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        // The colors of its inputs, from the indexed colored outputs they spend (what the decoders need for transfers).
        var inputAssets = new List<ImmutableArray<InputAsset>>();
        foreach (var input in tx.Inputs)
        {
            var assets = await connection.QueryAsync<(string Protocol, string AssetId, ulong Quantity)>(new CommandDefinition(
                """
                SELECT protocol, asset_id, quantity FROM colored_outputs FINAL
                WHERE txid = @txid AND n = @n AND is_orphaned = 0 ORDER BY idx
                """, new { txid = input.PrevOut.Hash.ToString(), n = input.PrevOut.N }, cancellationToken: ct));
            inputAssets.Add([.. assets.Select(a => new InputAsset(a.Protocol, a.AssetId, a.Quantity))]);
        }
        var request = DecodeRequest.For(tx, Network.RegTest) with
        {
            InputAssets = [.. inputAssets], Prevouts = [.. tx.Inputs.Select(i => Prevout(i.PrevOut))], IncludeRaw = false,
        };
        var answer = System.Text.Json.Nodes.JsonNode.Parse(DecodeJson.Serialize(TransactionDecoder.Decode(request)))!;
        var context = DecodeRequestContext.Write(request);
        var written = 0;
        foreach (var (key, protocol) in new[] { ("openAssets", "openassets"), ("colu", "colu"), ("counterparty", "counterparty") })
        {
            if (answer[key] is not { } node) continue;
            var kind = key switch
            {
                "openAssets" when node["valid"]?.GetValue<bool>() == false => "invalid",
                "openAssets" => node["outputs"]!.AsArray().Any(o => o!["role"]?.GetValue<string>() == "issuance") ? "issuance" : "transfer",
                "colu" => node["kind"]?.GetValue<string>() ?? "unknown",
                _ => node["messageType"]?.GetValue<string>() ?? "unknown",
            };
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO mempool_transactions (txid, protocol, kind, valid, error, raw_hex, answer_json, first_seen, is_removed, version, request_json)
                VALUES (@txid, @protocol, @kind, @valid, @error, @raw, @json, fromUnixTimestamp64Milli(@ms), @removed, @version, @context)
                """,
                new
                {
                    txid = tx.GetHash().ToString(), protocol, kind,
                    valid = node["valid"]?.GetValue<bool>() == false ? (byte)0 : (byte)1,
                    error = node["error"]?.GetValue<string>() ?? string.Empty,
                    raw = rawHex, json = node.ToJsonString(DecodeJson.Options),
                    ms = new DateTimeOffset(firstSeen).ToUnixTimeMilliseconds(), removed = removed ? (byte)1 : (byte)0, version, context,
                }, cancellationToken: ct));
            written++;
        }
        if (written == 0) throw new InvalidOperationException($"{tx.GetHash()} carries no colored protocol: not a mempool row");
    }
}
