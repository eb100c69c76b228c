-- The block page's colored transactions (docs/web.md, "Schema for the explorer") from colored_transactions_by_height
-- (sql/007, ordered by protocol, height, tx_index, txid: a block is a key range per protocol) instead of
-- colored_transactions (ordered by txid: every block read it whole). The page also shows each row's error and keeps
-- only the block's own rows (block_hash), so the copy gets both columns.
--
-- Re-runnable as a whole (the runner applies a file again when a statement failed): each step is idempotent, and the
-- copy is refilled from colored_transactions at the end.

ALTER TABLE colored_transactions_by_height ADD COLUMN IF NOT EXISTS block_hash String DEFAULT '';
ALTER TABLE colored_transactions_by_height ADD COLUMN IF NOT EXISTS error String DEFAULT '';

-- ClickHouse keeps a materialized view's SELECT as written: 007's view would go on copying rows without the new
-- columns. The view is dropped and created again, TO the same table, with them.
DROP VIEW IF EXISTS colored_transactions_by_height_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS colored_transactions_by_height_mv TO colored_transactions_by_height AS
SELECT protocol, height, tx_index, txid, kind, valid, block_hash, error, is_orphaned, version
FROM colored_transactions;

-- The rows already copied lack block_hash and error, and a copy with them would have the same key and version, so
-- neither would reliably win. The copy is emptied and refilled from colored_transactions (the same rows and versions
-- 007 and the view wrote, now with both columns). A row the view copies meanwhile is the same row and version as its
-- refilled twin: either may be kept.
TRUNCATE TABLE IF EXISTS colored_transactions_by_height;

INSERT INTO colored_transactions_by_height (protocol, height, tx_index, txid, kind, valid, block_hash, error, is_orphaned, version)
SELECT protocol, height, tx_index, txid, kind, valid, block_hash, error, is_orphaned, version
FROM colored_transactions;
