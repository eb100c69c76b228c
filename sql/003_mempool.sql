-- Unconfirmed colored transactions seen in the node's mempool (issue 7, docs/indexer.md "Mempool"). kind, valid,
-- error, raw_hex and answer_json mean what they mean in colored_transactions (002_colored.sql). When a transaction
-- leaves the mempool (mined or evicted) a newer version of its row has is_removed = 1.
-- Readers use `FINAL WHERE is_removed = 0`.
CREATE TABLE IF NOT EXISTS mempool_transactions (txid String, protocol LowCardinality(String),
  kind LowCardinality(String), valid UInt8, error String, raw_hex String, answer_json String,
  first_seen DateTime64(3, 'UTC'), is_removed UInt8 DEFAULT 0, version UInt64)
ENGINE = ReplacingMergeTree(version) ORDER BY (txid, protocol);
