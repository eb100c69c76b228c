-- Colored outputs in address order, for address pages (balances, spent outputs) without reading colored_outputs
-- (ordered by asset; its bloom index on address prunes little once parts are merged, and nothing under FINAL).
-- The same rows and versions as colored_outputs: its sorting key is colored_outputs' plus the address, which a row
-- never changes (an output's script is fixed by its transaction), so a spend's copy, a rollback's copy clearing the
-- spend and an orphaned copy (newer versions) replace their row here as they do there. Readers take each key's newest
-- version and drop it when orphaned, as everywhere (docs/schema.md).
CREATE TABLE IF NOT EXISTS colored_outputs_by_address
(
    address String,
    protocol LowCardinality(String),
    asset_id String,
    txid String,
    n UInt32,
    idx UInt16,
    quantity UInt64,
    value UInt64,
    height UInt32,
    block_hash String,
    spent_txid String DEFAULT '',
    spent_input UInt32 DEFAULT 0,
    spent_height UInt32 DEFAULT 0,
    divisibility Int16 DEFAULT -1,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (address, protocol, asset_id, txid, n, idx);

-- Every insert into colored_outputs is copied here (new rows, spends, cleared spends and orphaned copies alike).
CREATE MATERIALIZED VIEW IF NOT EXISTS colored_outputs_by_address_mv TO colored_outputs_by_address AS
SELECT address, protocol, asset_id, txid, n, idx, quantity, value, height, block_hash, spent_txid, spent_input,
       spent_height, divisibility, is_orphaned, version
FROM colored_outputs;

-- Rows written before this migration. A row also copied by the view meanwhile (or by an earlier, interrupted run of
-- this file) is the same row and version: either copy may be kept.
INSERT INTO colored_outputs_by_address (address, protocol, asset_id, txid, n, idx, quantity, value, height, block_hash,
                                        spent_txid, spent_input, spent_height, divisibility, is_orphaned, version)
SELECT address, protocol, asset_id, txid, n, idx, quantity, value, height, block_hash, spent_txid, spent_input,
       spent_height, divisibility, is_orphaned, version
FROM colored_outputs;
