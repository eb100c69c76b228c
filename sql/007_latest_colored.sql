-- The home page's latest colored transactions per protocol (docs/web.md, "Schema for the explorer"), without reading
-- colored_transactions (ordered by txid, so its height minmax index prunes nothing once parts are merged).

-- The small columns of colored_transactions in (protocol, height) order: the newest rows of a protocol are the end of
-- its key range, and a height window is a range read. Same versions and orphaned copies as colored_transactions: a
-- row's height and tx_index never change under one version, and a rollback inserts its orphaned copy (newer version,
-- same height and tx_index) into colored_transactions, which the view copies here with the same sorting key. A
-- transaction mined again at another height after a reorg gets a new key here while its old key holds the orphaned
-- copy, so `FINAL ... WHERE is_orphaned = 0` shows it once, at its new height (docs/schema.md).
CREATE TABLE IF NOT EXISTS colored_transactions_by_height
(
    protocol LowCardinality(String),
    height UInt32,
    tx_index UInt32,
    txid String,
    kind LowCardinality(String),
    valid UInt8,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (protocol, height, tx_index, txid);

-- Every insert into colored_transactions is copied here (new rows and orphaned copies alike).
CREATE MATERIALIZED VIEW IF NOT EXISTS colored_transactions_by_height_mv TO colored_transactions_by_height AS
SELECT protocol, height, tx_index, txid, kind, valid, is_orphaned, version
FROM colored_transactions;

-- Rows written before this migration. A row also copied by the view meanwhile is the same row and version: FINAL
-- keeps one.
INSERT INTO colored_transactions_by_height (protocol, height, tx_index, txid, kind, valid, is_orphaned, version)
SELECT protocol, height, tx_index, txid, kind, valid, is_orphaned, version
FROM colored_transactions;
