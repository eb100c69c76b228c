-- Counterparty ledger (issue 5/8, docs/counterparty.md "Ledger"): the credits and debits counterparty-core's ledger
-- writes (lib/ledger/events.py credit/debit: address, asset, quantity, action, event = txid), each transaction's ledger
-- status, and every asset state after a valid issuance. Versioned rows with is_orphaned like the other tables
-- (002_colored.sql): a reorg inserts orphaned copies of the rows above the fork height (ClickHouseStore.RollbackAsync).

CREATE TABLE IF NOT EXISTS xcp_credits
(
    height UInt32,
    block_hash String,
    txid String,
    tx_index UInt32,
    seq UInt32,
    address String,
    asset String,
    quantity Int64,
    action LowCardinality(String),
    is_orphaned UInt8 DEFAULT 0,
    version UInt64,
    INDEX idx_address address TYPE bloom_filter GRANULARITY 4,
    INDEX idx_asset asset TYPE bloom_filter GRANULARITY 4,
    INDEX idx_txid txid TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (height, txid, seq);

CREATE TABLE IF NOT EXISTS xcp_debits
(
    height UInt32,
    block_hash String,
    txid String,
    tx_index UInt32,
    seq UInt32,
    address String,
    asset String,
    quantity Int64,
    action LowCardinality(String),
    is_orphaned UInt8 DEFAULT 0,
    version UInt64,
    INDEX idx_address address TYPE bloom_filter GRANULARITY 4,
    INDEX idx_asset asset TYPE bloom_filter GRANULARITY 4,
    INDEX idx_txid txid TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (height, txid, seq);

-- The ledger's verdict per Counterparty transaction: "valid", "invalid: reason" or "not computed: reason".
CREATE TABLE IF NOT EXISTS xcp_statuses
(
    txid String,
    height UInt32,
    block_hash String,
    tx_index UInt32,
    message_type LowCardinality(String),
    status String,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (txid);

-- An asset's state after each transaction that changed it (issuance, reset, transfer, lock, ownership sweep).
CREATE TABLE IF NOT EXISTS xcp_asset_states
(
    asset String,
    height UInt32,
    tx_index UInt32,
    txid String,
    block_hash String,
    longname String,
    issuer String,
    divisible UInt8,
    locked UInt8,
    description_locked UInt8,
    description String,
    supply Int64,
    first_txid String,
    first_height UInt32,
    first_block_hash String,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (asset, height, tx_index);

-- Balances: credits minus debits (a view, not a materialized view: replacements and orphaned copies must not count twice).
CREATE VIEW IF NOT EXISTS xcp_balances AS
SELECT address, asset, sum(q) AS quantity
FROM
(
    SELECT address, asset, quantity AS q FROM xcp_credits FINAL WHERE is_orphaned = 0
    UNION ALL
    SELECT address, asset, -quantity AS q FROM xcp_debits FINAL WHERE is_orphaned = 0
)
GROUP BY address, asset;

-- The explorer's balances (holders, address balances, circulating supply) now include Counterparty's ledger balances.
-- 002's view is replaced, not edited: same columns, the colored outputs as before plus one row per positive balance.
CREATE OR REPLACE VIEW balances AS
SELECT protocol, asset_id, address, sum(quantity) AS quantity, count() AS outputs
FROM colored_outputs FINAL
WHERE is_orphaned = 0 AND spent_height = 0
GROUP BY protocol, asset_id, address
UNION ALL
SELECT 'counterparty' AS protocol, asset AS asset_id, address, toUInt64(quantity) AS quantity, toUInt64(0) AS outputs
FROM xcp_balances
WHERE quantity > 0;
