-- Issue 9: the indexer decodes without raw views (the byte ranges behind every decoded field) and stores, per colored
-- transaction, the decode request's context instead: prevouts, height, network, chain, prefix, reveal funding, as a
-- decode-contract request line without "tx" and "inputAssets" (src/Protocols/Decoding/DecodeRequestContext.cs). The
-- explorer adds raw_hex and decodes it again when it shows the transaction. Empty for rows written before (their
-- answer_json has its "raw" views).
ALTER TABLE colored_transactions ADD COLUMN IF NOT EXISTS request_json String DEFAULT '';
