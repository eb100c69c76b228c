-- Counterparty messages and ledger journal rows in address order, for address pages (messages sent or received,
-- credits and debits, ledger balances) without reading counterparty_messages (ordered by txid; no index on
-- destination, and `source = ... OR destination = ...` answers from no skip index) or xcp_ledger (ordered by height;
-- bloom on address prunes nothing once every granule names the address). Same pattern as asset_events_by_address
-- (sql/004): the copy's sorting key is the source's plus the address, and a rollback inserts orphaned copies (newer
-- version, same columns) that the views copy under the same keys, so each key's newest version visible here is the one
-- visible there (docs/schema.md, docs/web.md "Reads without FINAL").

-- One row per (address, message): a message names its source and, when it has one, its destination (once when they
-- are the same address).
CREATE TABLE IF NOT EXISTS counterparty_messages_by_address
(
    address String,
    txid String,
    height UInt32,
    tx_index UInt32,
    message_type LowCardinality(String),
    source String,
    destination String,
    asset String,
    quantity Int64,
    valid UInt8,
    is_orphaned UInt8 DEFAULT 0,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (address, txid);

CREATE MATERIALIZED VIEW IF NOT EXISTS counterparty_messages_by_address_mv TO counterparty_messages_by_address AS
SELECT address, txid, height, tx_index, message_type, source, destination, asset, quantity, valid, is_orphaned, version
FROM counterparty_messages
ARRAY JOIN arrayDistinct(arrayFilter(a -> a != '', [source, destination])) AS address;

-- Journal rows with an address (credits, debits; asset rows name the issuer).
CREATE TABLE IF NOT EXISTS xcp_ledger_by_address
(
    address String,
    height UInt32,
    txid String,
    seq UInt32,
    tx_index UInt32,
    kind LowCardinality(String),
    asset String,
    quantity Int64,
    action LowCardinality(String),
    is_orphaned UInt8 DEFAULT 0,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (address, height, txid, seq);

CREATE MATERIALIZED VIEW IF NOT EXISTS xcp_ledger_by_address_mv TO xcp_ledger_by_address AS
SELECT address, height, txid, seq, tx_index, kind, asset, quantity, action, is_orphaned, version
FROM xcp_ledger
WHERE address != '';

-- Rows written before this migration. A row also copied by a view meanwhile (or by an earlier, interrupted run of this
-- file) is the same row and version: either copy may be kept.
INSERT INTO counterparty_messages_by_address (address, txid, height, tx_index, message_type, source, destination, asset, quantity,
                                              valid, is_orphaned, version)
SELECT address, txid, height, tx_index, message_type, source, destination, asset, quantity, valid, is_orphaned, version
FROM counterparty_messages
ARRAY JOIN arrayDistinct(arrayFilter(a -> a != '', [source, destination])) AS address;

INSERT INTO xcp_ledger_by_address (address, height, txid, seq, tx_index, kind, asset, quantity, action, is_orphaned, version)
SELECT address, height, txid, seq, tx_index, kind, asset, quantity, action, is_orphaned, version
FROM xcp_ledger
WHERE address != '';
