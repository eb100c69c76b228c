-- Colored-coin tables (issue 7). Every table is a ReplacingMergeTree(version) with is_orphaned: a row is never
-- updated; a newer version of the same sorting key replaces it. Rolling back a reorg inserts copies of the rows above
-- the fork height with is_orphaned = 1; spending an output inserts a copy with the spend filled in. Readers use
-- `FINAL ... WHERE is_orphaned = 0` (docs/schema.md).

-- One row per (transaction, protocol) that carries something colored: the raw transaction and the decoder's answer.
CREATE TABLE IF NOT EXISTS colored_transactions
(
    txid String,
    protocol LowCardinality(String),
    height UInt32,
    block_hash String,
    tx_index UInt32,
    kind LowCardinality(String),
    valid UInt8,
    error String,
    raw_hex String,
    answer_json String,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64,
    INDEX idx_height height TYPE minmax GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (txid, protocol);

-- One row per asset entry on an output (a Colu output may hold several entries, idx numbers them).
-- Spent: a newer version of the row with spent_txid/spent_height set.
CREATE TABLE IF NOT EXISTS colored_outputs
(
    protocol LowCardinality(String),
    asset_id String,
    txid String,
    n UInt32,
    idx UInt16,
    quantity UInt64,
    address String,
    script_hex String,
    value UInt64,
    height UInt32,
    block_hash String,
    spent_txid String DEFAULT '',
    spent_input UInt32 DEFAULT 0,
    spent_height UInt32 DEFAULT 0,
    issue_txid String DEFAULT '',
    divisibility Int16 DEFAULT -1,
    lock_status Int8 DEFAULT -1,
    aggregation_policy LowCardinality(String) DEFAULT '',
    is_orphaned UInt8 DEFAULT 0,
    version UInt64,
    INDEX idx_address address TYPE bloom_filter GRANULARITY 4,
    INDEX idx_txid txid TYPE bloom_filter GRANULARITY 4,
    INDEX idx_height height TYPE minmax GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (protocol, asset_id, txid, n, idx);

-- Assets per protocol, written at their first issuance.
CREATE TABLE IF NOT EXISTS assets
(
    protocol LowCardinality(String),
    asset_id String,
    name String DEFAULT '',
    metadata_hex String DEFAULT '',
    metadata_utf8 String DEFAULT '',
    definition_url String DEFAULT '',
    divisibility Int16 DEFAULT -1,
    lock_status Int8 DEFAULT -1,
    aggregation_policy LowCardinality(String) DEFAULT '',
    first_txid String,
    first_height UInt32,
    first_block_hash String,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (protocol, asset_id);

-- What happened to an asset in a transaction: issuance, transfer, burn, destroyed (units lost by an uncolored
-- spend or an invalid transaction), and Counterparty message kinds (send, issuance, dividend, ...).
CREATE TABLE IF NOT EXISTS asset_events
(
    protocol LowCardinality(String),
    asset_id String,
    height UInt32,
    txid String,
    kind LowCardinality(String),
    seq UInt32,
    quantity UInt64,
    address String DEFAULT '',
    n Int32 DEFAULT -1,
    block_hash String,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64,
    INDEX idx_txid txid TYPE bloom_filter GRANULARITY 4,
    INDEX idx_address address TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (protocol, asset_id, height, txid, kind, seq);

-- Counterparty messages: the common fields typed, everything else in fields_json.
CREATE TABLE IF NOT EXISTS counterparty_messages
(
    txid String,
    height UInt32,
    block_hash String,
    tx_index UInt32,
    message_type_id Int32,
    message_type LowCardinality(String),
    carrier LowCardinality(String),
    source String DEFAULT '',
    destination String DEFAULT '',
    asset String DEFAULT '',
    quantity Int64 DEFAULT 0,
    btc_amount Int64 DEFAULT 0,
    fee Int64 DEFAULT 0,
    valid UInt8,
    error String DEFAULT '',
    data_hex String,
    fields_json String,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64,
    INDEX idx_height height TYPE minmax GRANULARITY 4,
    INDEX idx_source source TYPE bloom_filter GRANULARITY 4,
    INDEX idx_asset asset TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (txid);

-- Balances are computed from the unspent outputs, not kept by a materialized view: a materialized view sees inserts,
-- not replacements, so every spend, orphaning or replayed block would be counted again (docs/schema.md).
CREATE VIEW IF NOT EXISTS balances AS
SELECT protocol, asset_id, address, sum(quantity) AS quantity, count() AS outputs
FROM colored_outputs FINAL
WHERE is_orphaned = 0 AND spent_height = 0
GROUP BY protocol, asset_id, address;
