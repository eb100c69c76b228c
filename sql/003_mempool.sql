CREATE TABLE IF NOT EXISTS mempool_transactions (txid String, protocol LowCardinality(String),
  kind LowCardinality(String), valid UInt8, error String, raw_hex String, answer_json String,
  first_seen DateTime64(3, 'UTC'), is_removed UInt8 DEFAULT 0, version UInt64)
ENGINE = ReplacingMergeTree(version) ORDER BY (txid, protocol);
