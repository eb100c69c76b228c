-- The balances view (005) kept a Counterparty ledger balance by `WHERE quantity > 0`, where `quantity` was already the
-- SELECT's alias `toUInt64(quantity)` (ClickHouse resolves an alias before a column of the same name): a negative sum
-- would pass as 2^64 - n. The ledger stage never writes one, but the view must not turn one into a fortune, and the
-- address page's reads (sql/011, xcp_ledger_by_address) keep positive sums only. Same columns, the sum filtered before
-- it is converted.
CREATE OR REPLACE VIEW balances AS
SELECT protocol, asset_id, address, sum(quantity) AS quantity, count() AS outputs
FROM colored_outputs FINAL
WHERE is_orphaned = 0 AND spent_height = 0
GROUP BY protocol, asset_id, address
UNION ALL
SELECT 'counterparty' AS protocol, asset AS asset_id, address, toUInt64(signed) AS quantity, toUInt64(0) AS outputs
FROM (SELECT address, asset, quantity AS signed FROM xcp_balances WHERE signed > 0);
