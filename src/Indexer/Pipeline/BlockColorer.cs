using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Storage;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Decoding;
using Explorer.Protocols.OpenAssets;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// The state stage for one block, in block order: every transaction with a carrier pattern or a colored input goes to
/// <see cref="TransactionDecoder"/> with its previous outputs (undo data) and its inputs' assets (the state); the
/// answers become rows, and the state follows (spent outputs leave, colored outputs enter). A protocol is applied
/// only from its start height on (<see cref="StartHeightsOptions"/>).
/// </summary>
/// <param name="includeRaw">Decode with raw views and store no request context (StoredAnswerRawTests' reference pass);
/// blocks and the mempool are decoded without them and store the request context instead
/// (<see cref="CandidateDecoder.Decode"/>).</param>
public sealed class BlockColorer(ColoredUtxoSet state, Network network, string xcpPrefix, VersionClock clock, string? chain = null,
    StartHeightsOptions? startHeights = null, bool includeRaw = false)
{
    // Copied once: the options object is mutable, the heights of a pass are not.
    private readonly (int OpenAssets, int Colu, int Counterparty, int Lowest) _start = startHeights is null ? default
        : (startHeights.OpenAssets, startHeights.Colu, startHeights.Counterparty, startHeights.Lowest);

    // Counterparty's ledger step (src/Indexer/Counterparty): its rules follow the chain's name (testnet4, signet, ...).
    private readonly Counterparty.CounterpartyLedgerStage _xcp = new(state,
        Protocols.Counterparty.CounterpartyRules.ForName(chain) ?? Protocols.Counterparty.CounterpartyRules.For(network));

    // Per transaction of the block being applied: an input's bucket is taken (ColoredUtxoSet.MarkMaySpend).
    private bool[] _maySpend = new bool[1024];

    public const string OpenAssets = "openassets";
    public const string Colu = "colu";
    public const string Counterparty = "counterparty";

    public BlockRows Apply(ParsedBlock parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var height = (uint)parsed.Height;
        var hash = parsed.Hash.ToString();
        var colored = 0;
        var rows = new BlockRows(
            new BlockRow(height, hash, parsed.PreviousHash.ToString(), parsed.Time.UtcDateTime,
                (uint)parsed.TransactionCount, (uint)parsed.Size, 0),
            parsed.Size);
        // Indexer:StartHeights: below the lowest start height no protocol is applied, so no transaction is looked at
        // (the block's own row is still written: the blocks table and progress stay complete).
        var transactions = parsed.Height < _start.Lowest ? 0 : parsed.TransactionCount;
        // A transaction paying a P2TR output may be a Counterparty commit: its funder is kept for a reveal
        // (RevealFundingCache, keyed by the output key: nothing is hashed). The block's payers, found and read by the
        // parallel stage (else here, for a block parsed without decoding), are linked in as one: a reveal in this block
        // looks only at the payers before it.
        if (transactions > 0)
        {
            state.RevealFunding.Observe(parsed);
            if (_maySpend.Length < transactions) _maySpend = new bool[Math.Max(transactions, _maySpend.Length * 2)];
            state.MarkMaySpend(parsed, _maySpend);
        }
        var maySpend = _maySpend;
        for (var i = 0; i < transactions; i++)
        {
            // Candidates: a carrier pattern (raw prefilter), or an input spending a colored output (raw outpoint lookup).
            if (!parsed.Carriers[i] && (i == 0 || !maySpend[i] || !state.SpendsColored(parsed, i))) continue;
            if (ApplyTransaction(parsed, i, height, hash, rows)) colored++;
        }
        rows.Block = rows.Block with { ColoredTxCount = (uint)colored };
        return rows;
    }

    private RevealFunding? RevealFundingOf(ParsedBlock parsed, int txIndex)
    {
        var spent = parsed.Source.Undo?.FirstSpent(txIndex);
        return spent is null ? null : state.RevealFunding.For(parsed.Prevout(txIndex, 0), spent.ScriptPubKey, spent.Value, parsed.Height, txIndex);
    }

    private bool ApplyTransaction(ParsedBlock parsed, int txIndex, uint height, string blockHash, BlockRows rows)
    {
        var inputRows = new List<ColoredOutputRow>();
        var ahead = parsed.Decoded?.GetValueOrDefault(txIndex);
        Transaction tx;
        string txid;
        DecodeAnswer answer;
        AnswerJson json;
        byte[] requestContext;
        // Only a taproot reveal (Counterparty carrier "taproot": a reveal-marker output and an envelope in input 0's
        // witness) takes its source from the commit's funder. A transaction not decoded ahead is decoded first without
        // it, and again with it only when it turns out to be one: a funding found for any other transaction would
        // enter its stored request context, which would then depend on what the cache held (a restart refills it).
        var revealFunding = state.RevealFunding.Count == 0 || ahead is null || ahead.Answer.Counterparty?.Carrier != "taproot"
            ? null : RevealFundingOf(parsed, txIndex);
        // Decoded ahead with no colored inputs and no reveal funding, and none is known now: the same request, so the
        // same answer.
        if (ahead is not null && !includeRaw && revealFunding is null && !state.SpendsColored(parsed, txIndex))
        {
            (tx, txid, answer, json, requestContext) = (ahead.Tx, ahead.Txid, ahead.Answer, ahead.Json, ahead.Context);
        }
        else
        {
            tx = ahead?.Tx ?? parsed.LoadTransaction(txIndex, network);
            // Hashed once (the merkle-root check, or here; the candidate decoded ahead knows its own).
            var hash = ahead?.Hash ?? parsed.Txid(txIndex);
            txid = ahead?.Txid ?? hash.ToString();
            var prevouts = ahead?.Prevouts ?? CandidateDecoder.Prevouts(parsed, txIndex, tx);
            var inputAssets = ImmutableArray.CreateBuilder<ImmutableArray<InputAsset>>(tx.Inputs.Count);
            for (var j = 0; j < tx.Inputs.Count; j++)
            {
                var onInput = tx.IsCoinBase ? [] : state.Spend(tx.Inputs[j].PrevOut);
                inputAssets.Add(ColoredUtxoSet.ToInputAssets(onInput));
                foreach (var row in onInput)
                {
                    inputRows.Add(row);
                    rows.Outputs.Add((row with { SpentTxid = txid, SpentInput = (uint)j, SpentHeight = height }, clock.Next()));
                }
            }
            var assets = inputAssets.MoveToImmutable();
            (answer, requestContext) = CandidateDecoder.Decode(tx, prevouts, assets, (int)height, network, xcpPrefix, chain,
                revealFunding, hash, includeRaw);
            if (ahead is null && answer.Counterparty?.Carrier == "taproot" && state.RevealFunding.Count > 0
                && RevealFundingOf(parsed, txIndex) is { } found)
            {
                (answer, requestContext) = CandidateDecoder.Decode(tx, prevouts, assets, (int)height, network, xcpPrefix, chain,
                    found, hash, includeRaw);
            }
            json = AnswerJson.Of(answer);
            // A transaction indexed only because it spends colored outputs has no message, so the decoder gave no
            // context; its prevouts (read from the undo data) are still what the explorer needs to show the inputs'
            // values and the fee.
            if (requestContext.Length == 0 && !includeRaw)
                requestContext = DecodeRequestContext.WriteUtf8(new DecodeRequest(tx, prevouts, assets, (int)height, network, xcpPrefix) { Chain = chain });
        }

        var raw = parsed.Layout.Transactions[txIndex];
        var context = new TxContext(tx, txid, txIndex, height, blockHash, rows, inputRows, parsed.Source.Bytes.Slice(raw.Start, raw.Length), json, requestContext);
        var any = false;
        // Every protocol is read from its answer record; the stored JSON was written from the same records.
        // Below a protocol's start height its answer is ignored: no rows, no state (no colored output enters the set, so
        // none can be spent later either), no ledger entries.
        any |= height >= _start.OpenAssets && ApplyOpenAssets(context, answer.OpenAssets);
        any |= height >= _start.Colu && ApplyColu(context, answer.Colu);
        any |= height >= _start.Counterparty && ApplyCounterparty(context, answer.Counterparty);
        return any;
    }

    private sealed record TxContext(Transaction Tx, string Txid, int TxIndex, uint Height, string BlockHash, BlockRows Rows, List<ColoredOutputRow> InputRows,
        ReadOnlyMemory<byte> Bytes, AnswerJson Json, byte[] Context)
    {
        private byte[]? _raw;

        // The transaction's bytes as the block holds them (what NBitcoin's ToHex would serialize again), copied once
        // for the transaction's rows: the block's buffer goes back to its pool before the rows are written.
        public byte[] Raw => _raw ??= Bytes.ToArray();

        public Dictionary<string, ulong> InputSums(string protocol)
        {
            var sums = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (var r in InputRows.Where(r => r.Protocol == protocol))
                sums[r.AssetId] = sums.GetValueOrDefault(r.AssetId) + r.Quantity;
            return sums;
        }
    }

    private bool ApplyOpenAssets(TxContext c, OpenAssetsAnswer? oa)
    {
        var inputs = c.InputSums(OpenAssets);
        if (oa is null && inputs.Count == 0) return false;
        var outSums = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var issued = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var kind = "destroyed";
        uint seq = 0;
        if (oa is not null)
        {
            kind = "marker";
            foreach (var output in oa.Outputs.IsDefault ? [] : oa.Outputs)
            {
                var assetId = output.AssetId;
                var quantity = output.Quantity;
                var role = output.Role;
                var n = output.Index;
                if (assetId is null || quantity == 0 || n < 0 || n >= c.Tx.Outputs.Count) continue;
                var txOut = c.Tx.Outputs[n];
                var address = AddressOf(txOut.ScriptPubKey);
                AddOutput(c, new ColoredOutputRow(OpenAssets, assetId, c.Txid, (uint)n, 0, quantity, address,
                    txOut.ScriptPubKey.ToHex(), (ulong)txOut.Value.Satoshi, c.Height, c.BlockHash, string.Empty, -1, -1, string.Empty));
                if (role == "issuance")
                {
                    kind = "issuance";
                    issued[assetId] = issued.GetValueOrDefault(assetId) + quantity;
                    c.Rows.Events.Add(new AssetEventRow(OpenAssets, assetId, c.Height, c.Txid, "issuance", seq++, quantity, address, n, c.BlockHash));
                    if (state.AddAsset(OpenAssets, assetId))
                        c.Rows.Assets.Add(new AssetRow(OpenAssets, assetId, string.Empty, oa.MetadataHex ?? string.Empty,
                            oa.MetadataUtf8 ?? string.Empty, oa.DefinitionUrl ?? string.Empty, -1, -1, string.Empty,
                            c.Txid, c.Height, c.BlockHash));
                }
                else
                {
                    if (kind != "issuance") kind = "transfer";
                    outSums[assetId] = outSums.GetValueOrDefault(assetId) + quantity;
                    c.Rows.Events.Add(new AssetEventRow(OpenAssets, assetId, c.Height, c.Txid, "transfer", seq++, quantity, address, n, c.BlockHash));
                }
            }
            if (!oa.Valid) kind = "invalid";
        }
        foreach (var (assetId, quantity) in inputs)
        {
            var lost = quantity - Math.Min(quantity, outSums.GetValueOrDefault(assetId));
            if (lost > 0)
                c.Rows.Events.Add(new AssetEventRow(OpenAssets, assetId, c.Height, c.Txid, "destroyed", seq++, lost, string.Empty, -1, c.BlockHash));
        }
        c.Rows.Transactions.Add(new ColoredTransactionRow(c.Txid, OpenAssets, c.Height, c.BlockHash, (uint)c.TxIndex, kind,
            oa?.Valid ?? true, oa?.Error ?? string.Empty, c.Raw, c.Json.OpenAssets ?? AnswerJson.Null) { RequestJsonUtf8 = c.Context });
        return true;
    }

    private bool ApplyColu(TxContext c, ColuAnswer? colu)
    {
        var inputs = c.InputSums(Colu);
        if (colu is null && inputs.Count == 0) return false;
        var outSums = new Dictionary<string, ulong>(StringComparer.Ordinal);
        uint seq = 0;
        var kind = colu?.Kind ?? "destroyed";
        var valid = colu?.Valid ?? true;
        var issuedId = colu?.AssetId;
        ulong issued = 0;
        if (colu is not null && kind == "issuance" && valid && issuedId is not null)
        {
            issued = colu.Amount ?? 0;
            c.Rows.Events.Add(new AssetEventRow(Colu, issuedId, c.Height, c.Txid, "issuance", seq++, issued, string.Empty, -1, c.BlockHash));
            if (state.AddAsset(Colu, issuedId))
            {
                c.Rows.Assets.Add(new AssetRow(Colu, issuedId, string.Empty, colu.Sha2 ?? colu.TorrentHash ?? string.Empty,
                    string.Empty, string.Empty, (short)(colu.Divisibility ?? -1), Lock(colu.LockStatus),
                    colu.AggregationPolicy ?? string.Empty, c.Txid, c.Height, c.BlockHash));
            }
        }
        foreach (var output in colu is null || colu.Outputs.IsDefault ? [] : colu.Outputs)
        {
            var n = output.Index;
            if (n < 0 || n >= c.Tx.Outputs.Count) continue;
            var txOut = c.Tx.Outputs[n];
            var address = AddressOf(txOut.ScriptPubKey);
            ushort idx = 0;
            foreach (var asset in output.Assets.IsDefault ? [] : output.Assets)
            {
                var assetId = asset.AssetId;
                var amount = asset.Amount;
                if (assetId is null) continue;
                AddOutput(c, new ColoredOutputRow(Colu, assetId, c.Txid, (uint)n, idx++, amount, address, txOut.ScriptPubKey.ToHex(),
                    (ulong)txOut.Value.Satoshi, c.Height, c.BlockHash, asset.IssueTxid ?? string.Empty,
                    (short)(asset.Divisibility ?? -1), Lock(asset.LockStatus), asset.AggregationPolicy ?? string.Empty));
                outSums[assetId] = outSums.GetValueOrDefault(assetId) + amount;
                c.Rows.Events.Add(new AssetEventRow(Colu, assetId, c.Height, c.Txid, "transfer", seq++, amount, address, n, c.BlockHash));
            }
        }
        var burned = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var asset in colu is null || colu.Burned.IsDefault ? [] : colu.Burned)
        {
            var assetId = asset.AssetId;
            if (assetId is null) continue;
            burned[assetId] = burned.GetValueOrDefault(assetId) + asset.Amount;
            c.Rows.Events.Add(new AssetEventRow(Colu, assetId, c.Height, c.Txid, "burn", seq++, asset.Amount, string.Empty, -1, c.BlockHash));
        }
        foreach (var (assetId, quantity) in inputs)
        {
            var available = quantity + (assetId == issuedId ? issued : 0);
            var accounted = outSums.GetValueOrDefault(assetId) + burned.GetValueOrDefault(assetId);
            if (available > accounted)
                c.Rows.Events.Add(new AssetEventRow(Colu, assetId, c.Height, c.Txid, "destroyed", seq++, available - accounted, string.Empty, -1, c.BlockHash));
        }
        c.Rows.Transactions.Add(new ColoredTransactionRow(c.Txid, Colu, c.Height, c.BlockHash, (uint)c.TxIndex, kind, valid,
            colu?.Error ?? string.Empty, c.Raw, c.Json.Colu ?? AnswerJson.Null) { RequestJsonUtf8 = c.Context });
        return true;
    }

    private bool ApplyCounterparty(TxContext c, CounterpartyAnswer? xcp)
    {
        if (xcp is null) return false;
        _xcp.Apply(c.Txid, c.TxIndex, c.Height, c.BlockHash, xcp, c.Rows);
        var messageType = xcp.MessageType ?? "unknown";
        var asset = xcp.Fields.TryGetValue("asset", out var a) && a is string name ? name : string.Empty;
        var quantity = Int64Field(xcp.Fields, "quantity");
        c.Rows.Messages.Add(new CounterpartyMessageRow(c.Txid, c.Height, c.BlockHash, (uint)c.TxIndex,
            xcp.MessageTypeId ?? -1, messageType, xcp.Carrier ?? string.Empty,
            xcp.Source ?? string.Empty, xcp.Destination ?? string.Empty, asset, quantity,
            xcp.BtcAmount ?? 0, xcp.Fee ?? 0, xcp.Valid, xcp.Error ?? string.Empty, xcp.DataHex ?? string.Empty,
            c.Json.CounterpartyFields ?? JsonSerializer.Serialize(xcp.Fields, DecodeJson.Options)));
        if (asset.Length > 0)
            c.Rows.Events.Add(new AssetEventRow(Counterparty, asset, c.Height, c.Txid, messageType, 0, (ulong)Math.Max(0, quantity),
                xcp.Source ?? string.Empty, -1, c.BlockHash));
        c.Rows.Transactions.Add(new ColoredTransactionRow(c.Txid, Counterparty, c.Height, c.BlockHash, (uint)c.TxIndex, messageType, xcp.Valid,
            xcp.Error ?? string.Empty, c.Raw, c.Json.Counterparty ?? JsonSerializer.SerializeToUtf8Bytes(xcp, DecodeJson.Options)) { RequestJsonUtf8 = c.Context });
        return true;
    }

    /// <summary>A field as the stored JSON reads as a 64-bit integer (a JSON integer in range), else 0: what the step read
    /// from the answer's JSON object before it read the answer itself.</summary>
    private static long Int64Field(IReadOnlyDictionary<string, object?> fields, string key) =>
        fields.TryGetValue(key, out var value) ? value switch
        {
            null or string or bool => 0,
            long l => l,
            ulong u => u <= long.MaxValue ? (long)u : 0,
            int i => i,
            uint u => u,
            _ => JsonSerializer.SerializeToElement(value, DecodeJson.Options) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out var n) ? n : 0,
        } : 0;

    private void AddOutput(TxContext c, ColoredOutputRow row)
    {
        c.Rows.Outputs.Add((row, clock.Next()));
        state.Add(row);
    }

    private static sbyte Lock(bool? lockStatus) => lockStatus is { } l ? (sbyte)(l ? 1 : 0) : (sbyte)-1;

    private string AddressOf(Script script) => Protocols.Common.AddressStrings.OfScript(script.ToBytes(true), network) ?? string.Empty;
}
