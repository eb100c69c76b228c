-- Blocks as the indexer saw them, one row per (height, hash) and indexing pass.
-- Reorgs: rows of a stale block get is_orphaned = 1 in a newer version (ReplacingMergeTree keeps the newest),
-- so readers filter `FINAL ... WHERE is_orphaned = 0` (style.md, convention 8).
CREATE TABLE IF NOT EXISTS blocks
(
    height UInt32,
    hash String,
    prev_hash String,
    time DateTime('UTC'),
    tx_count UInt32,
    size UInt32,
    colored_tx_count UInt32 DEFAULT 0,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (height, hash);

-- Progress is written in the same batch as a block's rows, after them: one row per indexing pass.
CREATE TABLE IF NOT EXISTS indexer_progress
(
    source String,
    height UInt32,
    hash String,
    version UInt64,
    updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY source;
