using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// Read-only queries over the indexer's colored tables (sql/002_colored.sql): every table is read as
/// <c>FINAL ... WHERE is_orphaned = 0</c> reads it, point and key-range reads through <see cref="NewestRows"/> (each key's
/// newest version without FINAL, which would read granules of every part and skip no index), Dapper with
/// <c>@parameters</c> only, one short-lived connection per call.
/// Store failures throw (the caller reports them); unknown keys give null or empty results.
/// </summary>
public sealed partial class IndexedQueries(ClickHouseDataSource dataSource)
{
    /// <summary>Most colored transactions listed for one block.</summary>
    public const int MaxBlockTransactions = 1000;

    private const string TxColumns = """
        txid AS Txid, protocol AS Protocol, height AS Height, block_hash AS BlockHash, tx_index AS TxIndex, kind AS Kind,
        valid AS Valid, error AS Error, raw_hex AS RawHex, answer_json AS AnswerJson, request_json AS RequestJson
        """;

    internal const string OutputColumns = """
        protocol AS Protocol, asset_id AS AssetId, txid AS Txid, n AS N, idx AS Idx, quantity AS Quantity, address AS Address,
        value AS Value, height AS Height, spent_txid AS SpentTxid, spent_input AS SpentInput, spent_height AS SpentHeight,
        divisibility AS Divisibility
        """;

    private const string EventColumns = """
        protocol AS Protocol, asset_id AS AssetId, height AS Height, txid AS Txid, kind AS Kind, seq AS Seq,
        quantity AS Quantity, address AS Address, n AS N
        """;

    private const string BlockColumns = """
        height AS Height, hash AS Hash, time AS Time, tx_count AS TxCount, colored_tx_count AS ColoredTxCount
        """;

    /// <summary>
    /// The colored outputs a transaction spent. The candidates come from the <c>idx_spent_txid</c> skip index
    /// (sql/004) read without FINAL, where a skip index is exact; their newest versions are then read by sorting key
    /// and kept only if they still name this spend (a reorg may have cleared it).
    /// </summary>
    private static readonly string SpentBySql = $"""
        SELECT {OutputColumns}
        FROM {NewestRows.OfCandidates("colored_outputs", NewestRows.ColoredOutputsKey, "spent_txid = @txid")}
        WHERE spent_txid = @txid AND is_orphaned = 0
        ORDER BY spent_input, idx, protocol
        """;

    /// <summary>A transaction's rows, one per protocol (sorting key txid, protocol: a key range).</summary>
    private static readonly string TransactionSql = $"""
        SELECT {TxColumns}
        FROM {NewestRows.Of("colored_transactions", NewestRows.ColoredTransactionsKey, "txid = @txid")}
        WHERE is_orphaned = 0
        ORDER BY protocol
        """;

    /// <summary>A transaction's colored outputs, through the <c>idx_txid</c> skip index (exact without FINAL; txid is
    /// part of the sorting key, so every version of a found key is found).</summary>
    private static readonly string TransactionOutputsSql = $"""
        SELECT {OutputColumns}
        FROM {NewestRows.Of("colored_outputs", NewestRows.ColoredOutputsKey, "txid = @txid")}
        WHERE is_orphaned = 0
        ORDER BY n, idx, protocol
        """;

    private static string BlockSql(string keyCondition) => $"""
        SELECT {BlockColumns} FROM {NewestRows.Of("blocks", NewestRows.BlocksKey, keyCondition)}
        WHERE is_orphaned = 0
        ORDER BY height, hash
        LIMIT 1
        """;

    /// <summary>
    /// Address history newest first, from <paramref name="table"/>: <c>asset_events_by_address</c> (sql/004, ordered by
    /// address) or, for stores migrated before it, <c>asset_events</c> (ordered by asset: a scan). Both are constants.
    /// </summary>
    private static string AddressEventsSql(string table, bool afterCursor) => $"""
        SELECT {EventColumns} FROM {table} FINAL
        WHERE address = @address AND is_orphaned = 0
          {(afterCursor ? "AND (height, txid, protocol, kind, seq, asset_id) < (@h, @t, @p, @k, @s, @a)" : string.Empty)}
        ORDER BY height DESC, txid DESC, protocol DESC, kind DESC, seq DESC, asset_id DESC
        LIMIT @take
        """;

    /// <summary>Height of the indexed tip, null when nothing is indexed.</summary>
    public async Task<uint?> GetTipHeightAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<uint>(new CommandDefinition(
            "SELECT height FROM blocks FINAL WHERE is_orphaned = 0 ORDER BY height DESC LIMIT 1", cancellationToken: ct));
        return rows.Select(h => (uint?)h).FirstOrDefault();
    }

    /// <summary>The colored transaction (one row per protocol that colored it), its colored outputs and colored inputs.</summary>
    public async Task<IndexedTransaction?> GetTransactionAsync(string txid, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = (await connection.QueryAsync<ColoredTxRow>(new CommandDefinition(
            TransactionSql, new { txid }, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return null;
        var outputs = await connection.QueryAsync<ColoredOutputLine>(new CommandDefinition(
            TransactionOutputsSql, new { txid }, cancellationToken: ct));
        var inputs = await connection.QueryAsync<ColoredOutputLine>(new CommandDefinition(SpentBySql, new { txid }, cancellationToken: ct));
        var tip = await connection.QueryAsync<uint>(new CommandDefinition(
            "SELECT height FROM blocks FINAL WHERE is_orphaned = 0 ORDER BY height DESC LIMIT 1", cancellationToken: ct));
        return new IndexedTransaction(rows, [.. outputs], [.. inputs], tip.Select(h => (uint?)h).FirstOrDefault());
    }

    /// <summary>Whether the transaction is an indexed colored transaction (a visible row of some protocol): one statement
    /// that stops at the first row, for search.</summary>
    public async Task<bool> TransactionExistsAsync(string txid, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteScalarAsync<ulong>(new CommandDefinition(
            $"""
            SELECT count() FROM (
                SELECT 1 FROM {NewestRows.Of("colored_transactions", NewestRows.ColoredTransactionsKey, "txid = @txid")}
                WHERE is_orphaned = 0
                LIMIT 1)
            """, new { txid }, cancellationToken: ct)) > 0;
    }

    /// <summary>A block by height or hash (non-orphaned) without its transactions or the tip: one statement, for search.</summary>
    public async Task<IndexedBlock?> FindBlockAsync(uint? height, string? hash, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await QueryBlockAsync(connection, height, hash, ct);
    }

    private static Task<IndexedBlock?> QueryBlockAsync(ClickHouseConnection connection, uint? height, string? hash, CancellationToken ct) =>
        height is { } h
            ? connection.QueryFirstOrDefaultAsync<IndexedBlock?>(new CommandDefinition(BlockSql("height = @h"), new { h }, cancellationToken: ct))
            : connection.QueryFirstOrDefaultAsync<IndexedBlock?>(new CommandDefinition(BlockSql("hash = @hash"), new { hash }, cancellationToken: ct));

    /// <summary>A block by height or hash (non-orphaned), with its colored transactions.</summary>
    public Task<IndexedBlockDetail?> GetBlockAsync(uint? height, string? hash, CancellationToken ct) =>
        GetBlockAsync(height, hash, MaxBlockTransactions, ct);

    /// <summary>A block by height or hash (non-orphaned), with its first <paramref name="transactionLimit"/> colored
    /// transactions (0: none; pages come from <see cref="GetBlockTransactionsAsync"/>).</summary>
    public async Task<IndexedBlockDetail?> GetBlockAsync(uint? height, string? hash, int transactionLimit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var block = await QueryBlockAsync(connection, height, hash, ct);
        if (block is null) return null;
        var txs = await QueryBlockTransactionsAsync(connection, new
        {
            height = block.Height, hash = block.Hash, take = transactionLimit, i = 0u, p = string.Empty,
        }, afterCursor: false, ct);
        var withStatuses = await LedgerStatuses.AddAsync(connection, txs, BlockTxCounterparty, (t, status) => t with { LedgerStatus = status }, ct);
        var tip = await connection.QueryAsync<uint>(new CommandDefinition(
            "SELECT height FROM blocks FINAL WHERE is_orphaned = 0 ORDER BY height DESC LIMIT 1", cancellationToken: ct));
        return new IndexedBlockDetail(block, withStatuses, tip.FirstOrDefault());
    }

    /// <summary>
    /// A block's colored transactions by position and protocol (args: height, hash, take, cursor i and p), from
    /// <c>colored_transactions_by_height</c> (sql/007, block_hash and error from sql/009): the block is a key range of
    /// each protocol. Stores the indexer migrated before 009 are read from <c>colored_transactions</c> (ordered by txid:
    /// every block reads it whole).
    /// </summary>
    private static async Task<List<BlockColoredTx>> QueryBlockTransactionsAsync(ClickHouseConnection connection, object args,
        bool afterCursor, CancellationToken ct)
    {
        var cursor = afterCursor ? " AND (tx_index, protocol) > (@i, @p)" : string.Empty;
        try
        {
            return [.. await connection.QueryAsync<BlockColoredTx>(new CommandDefinition($"""
                SELECT {BlockTxColumns}
                FROM {NewestRows.Of("colored_transactions_by_height", NewestRows.ColoredTransactionsByHeightKey, "height = @height" + cursor)}
                WHERE block_hash = @hash AND is_orphaned = 0
                ORDER BY tx_index, protocol
                LIMIT @take
                """, args, cancellationToken: ct))];
        }
        catch (ClickHouseServerException ex) when (MissingSchema(ex))
        {
            return [.. await connection.QueryAsync<BlockColoredTx>(new CommandDefinition($"""
                SELECT {BlockTxColumns} FROM colored_transactions FINAL
                WHERE height = @height AND block_hash = @hash AND is_orphaned = 0{cursor}
                ORDER BY tx_index, protocol
                LIMIT @take
                """, args, cancellationToken: ct))];
        }
    }

    private const string BlockTxColumns =
        "txid AS Txid, protocol AS Protocol, tx_index AS TxIndex, kind AS Kind, valid AS Valid, error AS Error";

    /// <summary>The store lacks a table or column of a later migration (the web does not migrate; the indexer does).</summary>
    internal static bool MissingSchema(ClickHouseServerException ex) =>
        ex.Message.Contains("UNKNOWN_TABLE", StringComparison.Ordinal)
        || ex.Message.Contains("UNKNOWN_IDENTIFIER", StringComparison.Ordinal);

    private static string? BlockTxCounterparty(BlockColoredTx t) => t.Protocol == "counterparty" ? t.Txid : null;

    /// <summary>A block by hash that is indexed only as orphaned (a reorg left it), with the best chain's block at its
    /// height; null when no row of the hash is orphaned, or when it is in the best chain too.</summary>
    public async Task<StaleBlock?> GetStaleBlockAsync(string hash, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var stale = await connection.QueryFirstOrDefaultAsync<IndexedBlock>(new CommandDefinition(
            $"SELECT {BlockColumns} FROM blocks FINAL WHERE hash = @hash AND is_orphaned = 1 LIMIT 1", new { hash }, cancellationToken: ct));
        if (stale is null) return null;
        var now = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT hash FROM blocks FINAL WHERE height = @h AND is_orphaned = 0 LIMIT 1", new { h = stale.Height }, cancellationToken: ct));
        var replacedBy = now.FirstOrDefault();
        return replacedBy == hash ? null : new StaleBlock(stale.Height, stale.Hash, stale.Time, replacedBy);
    }

    /// <summary>A block's colored transactions by position and protocol, after <paramref name="cursor"/>; one more than
    /// asked tells there is a next page.</summary>
    public async Task<Page<BlockColoredTx, BlockTxCursor>> GetBlockTransactionsAsync(uint height, string hash, BlockTxCursor? cursor,
        int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await QueryBlockTransactionsAsync(connection, new
        {
            height, hash, take = limit + 1, i = cursor?.TxIndex ?? 0, p = cursor?.Protocol ?? string.Empty,
        }, cursor is not null, ct);
        rows = await LedgerStatuses.AddAsync(connection, rows, BlockTxCounterparty, (t, status) => t with { LedgerStatus = status }, ct);
        return Page<BlockColoredTx, BlockTxCursor>.Of(rows, limit, t => new BlockTxCursor(t.TxIndex, t.Protocol));
    }

    /// <summary>An asset: its <c>assets</c> row (Open Assets, Colu), issuance history and supply; null when never seen.</summary>
    public async Task<IndexedAsset?> GetAssetAsync(string protocol, string assetId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var args = new { protocol, assetId };
        var record = await connection.QueryFirstOrDefaultAsync<AssetRecord>(new CommandDefinition(
            $"""
            SELECT protocol AS Protocol, asset_id AS AssetId, name AS Name, metadata_hex AS MetadataHex,
                   metadata_utf8 AS MetadataUtf8, definition_url AS DefinitionUrl, divisibility AS Divisibility,
                   lock_status AS LockStatus, aggregation_policy AS AggregationPolicy, first_txid AS FirstTxid,
                   first_height AS FirstHeight, first_block_hash AS FirstBlockHash
            FROM {NewestRows.Of("assets", NewestRows.AssetsKey, "protocol = @protocol AND asset_id = @assetId")}
            WHERE is_orphaned = 0
            LIMIT 1
            """, args, cancellationToken: ct));
        var counts = await connection.QuerySingleAsync<EventCounts>(new CommandDefinition(
            """
            SELECT count() AS Events, sumIf(quantity, kind = 'issuance') AS Issued, countIf(kind = 'issuance') AS Issuances,
                   sumIf(quantity, kind IN ('burn', 'destroyed')) AS Removed
            FROM asset_events FINAL
            WHERE protocol = @protocol AND asset_id = @assetId AND is_orphaned = 0
            """, args, cancellationToken: ct));
        if (record is null && counts.Events == 0) return null;
        if (protocol == "counterparty") counts = await WithoutRefusedIssuancesAsync(connection, assetId, counts, ct);
        var issuances = await connection.QueryAsync<AssetEventLine>(new CommandDefinition(
            $"""
            SELECT {EventColumns} FROM asset_events FINAL
            WHERE protocol = @protocol AND asset_id = @assetId AND kind = 'issuance' AND is_orphaned = 0
            ORDER BY height, txid, seq
            LIMIT 100
            """, args, cancellationToken: ct));
        issuances = await WithLedgerStatusesAsync(connection, [.. issuances], ct);
        var held = await connection.QuerySingleAsync<HeldTotals>(new CommandDefinition(
            "SELECT sum(quantity) AS Quantity, count() AS Holders FROM balances WHERE protocol = @protocol AND asset_id = @assetId",
            args, cancellationToken: ct));
        return new IndexedAsset(protocol, assetId, record, counts.Issued, counts.Issuances, counts.Removed, counts.Events,
            held.Quantity, held.Holders, [.. issuances]);
    }

    /// <summary>Events of an asset, newest first, after <paramref name="cursor"/>; one more than asked tells there is a next page.</summary>
    public Task<Page<AssetEventLine, EventCursor>> GetAssetEventsAsync(string protocol, string assetId, EventCursor? cursor,
        int limit, CancellationToken ct) => GetAssetEventsAsync(protocol, assetId, cursor, limit, null, ct);

    /// <summary>Events of an asset of one <paramref name="kind"/> (all kinds when null), newest first, after
    /// <paramref name="cursor"/>.</summary>
    public async Task<Page<AssetEventLine, EventCursor>> GetAssetEventsAsync(string protocol, string assetId, EventCursor? cursor,
        int limit, string? kind, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var sql = $"""
            SELECT {EventColumns} FROM asset_events FINAL
            WHERE protocol = @protocol AND asset_id = @assetId AND is_orphaned = 0
              {(kind is null ? string.Empty : "AND kind = @kind")}
              {(cursor is null ? string.Empty : "AND (height, txid, kind, seq) < (@h, @t, @k, @s)")}
            ORDER BY height DESC, txid DESC, kind DESC, seq DESC
            LIMIT @take
            """;
        var rows = (await connection.QueryAsync<AssetEventLine>(new CommandDefinition(sql, new
        {
            protocol, assetId, take = limit + 1, kind = kind ?? string.Empty,
            h = cursor?.Height ?? 0, t = cursor?.Txid ?? string.Empty, k = cursor?.Kind ?? string.Empty, s = cursor?.Seq ?? 0,
        }, cancellationToken: ct))).ToList();
        return Page<AssetEventLine, EventCursor>.Of(await WithLedgerStatusesAsync(connection, rows, ct), limit, EventCursor.Of);
    }

    /// <summary>Holders of an asset (unspent outputs), largest first, then by address.</summary>
    public async Task<Page<BalanceLine, HolderCursor>> GetHoldersAsync(string protocol, string assetId, HolderCursor? cursor,
        int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var sql = $"""
            SELECT protocol AS Protocol, asset_id AS AssetId, address AS Address, quantity AS Quantity, outputs AS Outputs
            FROM balances
            WHERE protocol = @protocol AND asset_id = @assetId
              {(cursor is null ? string.Empty : "AND (quantity < @q OR (quantity = @q AND address > @a))")}
            ORDER BY quantity DESC, address
            LIMIT @take
            """;
        var rows = (await connection.QueryAsync<BalanceLine>(new CommandDefinition(sql, new
        {
            protocol, assetId, take = limit + 1, q = cursor?.Quantity ?? 0, a = cursor?.Address ?? string.Empty,
        }, cancellationToken: ct))).ToList();
        return Page<BalanceLine, HolderCursor>.Of(rows, limit, b => new HolderCursor(b.Quantity, b.Address));
    }

    /// <summary>Events naming an address (outputs received, Counterparty messages it sent), newest first.</summary>
    public async Task<Page<AssetEventLine, EventCursor>> GetAddressEventsAsync(string address, EventCursor? cursor, int limit,
        CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var args = new
        {
            address, take = limit + 1,
            h = cursor?.Height ?? 0, t = cursor?.Txid ?? string.Empty, p = cursor?.Protocol ?? string.Empty,
            k = cursor?.Kind ?? string.Empty, s = cursor?.Seq ?? 0, a = cursor?.AssetId ?? string.Empty,
        };
        List<AssetEventLine> rows;
        try
        {
            rows = (await connection.QueryAsync<AssetEventLine>(new CommandDefinition(
                AddressEventsSql("asset_events_by_address", cursor is not null), args, cancellationToken: ct))).ToList();
        }
        catch (ClickHouseServerException ex) when (ex.Message.Contains("UNKNOWN_TABLE", StringComparison.Ordinal))
        {
            rows = (await connection.QueryAsync<AssetEventLine>(new CommandDefinition(
                AddressEventsSql("asset_events", cursor is not null), args, cancellationToken: ct))).ToList();
        }
        return Page<AssetEventLine, EventCursor>.Of(await WithLedgerStatusesAsync(connection, rows, ct), limit, EventCursor.Of);
    }

    // Counterparty events carry the ledger's verdict: a send the ledger refused is listed, and moved nothing.
    private static Task<List<AssetEventLine>> WithLedgerStatusesAsync(ClickHouseConnection connection, IReadOnlyList<AssetEventLine> rows,
        CancellationToken ct) =>
        LedgerStatuses.AddAsync(connection, rows, e => e.Protocol == "counterparty" ? e.Txid : null, (e, status) => e with { LedgerStatus = status }, ct);

    /// <summary>Whether any colored output, asset event or Counterparty message names the address.</summary>
    public async Task<bool> AddressSeenAsync(string address, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var n = await connection.ExecuteScalarAsync<ulong>(new CommandDefinition(
            """
            SELECT count() FROM (
                SELECT 1 FROM asset_events WHERE address = @address LIMIT 1
                UNION ALL SELECT 1 FROM colored_outputs WHERE address = @address LIMIT 1
                UNION ALL SELECT 1 FROM counterparty_messages WHERE destination = @address LIMIT 1
                UNION ALL SELECT 1 FROM counterparty_messages WHERE source = @address LIMIT 1)
            """,
            new { address }, cancellationToken: ct));
        return n > 0;
    }

    /// <summary>The protocols under which an asset ID (or Counterparty name) is known.</summary>
    public async Task<IReadOnlyList<string>> FindAssetProtocolsAsync(string assetId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT DISTINCT protocol FROM asset_events FINAL
            WHERE asset_id = @assetId AND is_orphaned = 0
            ORDER BY protocol
            """, new { assetId }, cancellationToken: ct));
        return [.. rows];
    }

    /// <summary>The Counterparty assets whose subasset longname is exactly <paramref name="longname"/> (the <c>name</c> of
    /// their <c>assets</c> row, written from the ledger's asset state), as counterparty-core's resolve_subasset_longname
    /// matches <c>asset_longname = ?</c>.</summary>
    public async Task<IReadOnlyList<string>> FindCounterpartyLongnameAsync(string longname, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT asset_id FROM assets FINAL
            WHERE protocol = 'counterparty' AND name = @longname AND is_orphaned = 0
            ORDER BY asset_id
            LIMIT 10
            """, new { longname }, cancellationToken: ct));
        return [.. rows];
    }

    private async Task<ClickHouseConnection> OpenAsync(CancellationToken ct)
    {
        var connection = dataSource.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    private sealed record EventCounts(ulong Events, ulong Issued, ulong Issuances, ulong Removed);

    // A Counterparty issuance the ledger refused (or did not compute: xcp_statuses) issued nothing: "Issued" and the
    // issuance count are the ledger's, as the events list marks the refused ones.
    private static async Task<EventCounts> WithoutRefusedIssuancesAsync(ClickHouseConnection connection, string assetId, EventCounts counts,
        CancellationToken ct)
    {
        var issuances = (await connection.QueryAsync<(string Txid, ulong Quantity)>(new CommandDefinition(
            """
            SELECT txid AS Txid, quantity AS Quantity FROM asset_events FINAL
            WHERE protocol = 'counterparty' AND asset_id = @assetId AND kind = 'issuance' AND is_orphaned = 0
            """, new { assetId }, cancellationToken: ct))).ToList();
        var statuses = await LedgerStatuses.OfAsync(connection, issuances.Select(i => i.Txid), ct);
        var refused = issuances.Where(i => statuses.TryGetValue(i.Txid, out var s) && s != "valid").ToList();
        return refused.Count == 0 ? counts : counts with
        {
            Issued = counts.Issued - refused.Aggregate(0UL, (sum, i) => sum + i.Quantity),
            Issuances = counts.Issuances - (ulong)refused.Count,
        };
    }

    private sealed record HeldTotals(ulong Quantity, ulong Holders);
}
