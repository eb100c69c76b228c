-- The decode request's context of each unconfirmed colored transaction, as colored_transactions stores it
-- (sql/006_request_context.sql: prevouts, height, network, chain, prefix, reveal funding, a decode-contract request line
-- without "tx" and "inputAssets"). The mempool reader (docs/indexer.md, "Mempool") reads the prevouts from the node
-- (gettxout or the funding transaction) and now stores its answer without raw views, as a block's rows; the explorer
-- shows the inputs' values and the fee from these prevouts and puts the raw views back (DecodeRequestContext.RestoreRaw).
-- Empty for rows written before (their answer_json has its "raw" views; the page shows no input values for them).
ALTER TABLE mempool_transactions ADD COLUMN IF NOT EXISTS request_json String DEFAULT '';
