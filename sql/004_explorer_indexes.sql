-- Read paths of the explorer on large chains (docs/web.md, "Schema for the explorer").

-- The transaction page's colored inputs: the colored outputs a transaction spent, found by spent_txid. A skip index
-- is exact only without FINAL (a newer version of a row may clear the spend after a reorg), so the explorer finds
-- the candidate rows through it without FINAL, then reads those rows' newest versions by their sorting key.
ALTER TABLE colored_outputs ADD INDEX IF NOT EXISTS idx_spent_txid spent_txid TYPE bloom_filter GRANULARITY 4;
ALTER TABLE colored_outputs MATERIALIZE INDEX idx_spent_txid;

-- Asset events in address order, for address pages (history newest first, cursor paging) without scanning
-- asset_events (ordered by asset). The same rows and versions as asset_events: its sorting key is asset_events'
-- plus the address, which a row never changes, so an orphaned copy (newer version, is_orphaned = 1) replaces its row
-- here as it does there; readers use FINAL ... WHERE is_orphaned = 0 as everywhere (docs/schema.md).
CREATE TABLE IF NOT EXISTS asset_events_by_address
(
    address String,
    height UInt32,
    txid String,
    protocol LowCardinality(String),
    kind LowCardinality(String),
    seq UInt32,
    asset_id String,
    quantity UInt64,
    n Int32 DEFAULT -1,
    block_hash String,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (address, height, txid, protocol, kind, seq, asset_id);

-- Every insert into asset_events with an address is copied here (a view fires on inserts: new rows and their
-- orphaned copies alike, which is what this table needs).
CREATE MATERIALIZED VIEW IF NOT EXISTS asset_events_by_address_mv TO asset_events_by_address AS
SELECT address, height, txid, protocol, kind, seq, asset_id, quantity, n, block_hash, is_orphaned, version
FROM asset_events
WHERE address != '';

-- Rows written before this migration. A row also copied by the view meanwhile is the same row and version: FINAL
-- keeps one.
INSERT INTO asset_events_by_address (address, height, txid, protocol, kind, seq, asset_id, quantity, n, block_hash, is_orphaned, version)
SELECT address, height, txid, protocol, kind, seq, asset_id, quantity, n, block_hash, is_orphaned, version
FROM asset_events
WHERE address != '';
