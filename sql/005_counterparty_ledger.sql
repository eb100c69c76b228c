-- Counterparty ledger (issues 5 and 8, docs/counterparty.md "Ledger"): the credits and debits counterparty-core's ledger
-- writes (lib/ledger/events.py credit/debit: address, asset, quantity, action, event = txid), each transaction's ledger
-- status, and every asset's state after a change. One journal table (one insert per batch), read through the views
-- below. Versioned rows with is_orphaned like the other tables (002_colored.sql): a reorg inserts orphaned copies of the
-- rows above the fork height (ClickHouseStore.RollbackAsync).

CREATE TABLE IF NOT EXISTS xcp_ledger
(
    height UInt32,
    block_hash String,
    txid String,
    tx_index UInt32,
    seq UInt32,
    kind LowCardinality(String),        -- credit | debit | status | asset
    address String,                     -- credit/debit: the address; asset: the issuer (owner)
    asset String,
    quantity Int64,                     -- credit/debit: the quantity; asset: the supply
    action LowCardinality(String),      -- credit/debit: counterparty-core's action; status: the message type
    status String DEFAULT '',           -- status: "valid", "invalid: ...", "not computed: ..."
    longname String DEFAULT '',
    divisible UInt8 DEFAULT 0,
    locked UInt8 DEFAULT 0,
    description_locked UInt8 DEFAULT 0,
    description String DEFAULT '',
    first_txid String DEFAULT '',
    first_height UInt32 DEFAULT 0,
    first_block_hash String DEFAULT '',
    is_orphaned UInt8 DEFAULT 0,
    version UInt64,
    INDEX idx_address address TYPE bloom_filter GRANULARITY 4,
    INDEX idx_asset asset TYPE bloom_filter GRANULARITY 4,
    INDEX idx_txid txid TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (height, txid, seq);

CREATE VIEW IF NOT EXISTS xcp_credits AS
SELECT height, block_hash, txid, tx_index, seq, address, asset, quantity, action
FROM xcp_ledger FINAL WHERE is_orphaned = 0 AND kind = 'credit';

CREATE VIEW IF NOT EXISTS xcp_debits AS
SELECT height, block_hash, txid, tx_index, seq, address, asset, quantity, action
FROM xcp_ledger FINAL WHERE is_orphaned = 0 AND kind = 'debit';

CREATE VIEW IF NOT EXISTS xcp_statuses AS
SELECT txid, height, block_hash, tx_index, action AS message_type, status
FROM xcp_ledger FINAL WHERE is_orphaned = 0 AND kind = 'status';

CREATE VIEW IF NOT EXISTS xcp_asset_states AS
SELECT asset, height, tx_index, seq, txid, block_hash, longname, address AS issuer, divisible, locked, description_locked,
       description, quantity AS supply, first_txid, first_height, first_block_hash
FROM xcp_ledger FINAL WHERE is_orphaned = 0 AND kind = 'asset';

-- Balances: credits minus debits (a view, not a materialized view: replacements and orphaned copies must not count twice).
CREATE VIEW IF NOT EXISTS xcp_balances AS
SELECT address, asset, sum(if(kind = 'credit', quantity, -quantity)) AS quantity
FROM xcp_ledger FINAL
WHERE is_orphaned = 0 AND kind IN ('credit', 'debit')
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
