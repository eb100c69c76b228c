using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Explorer.Indexer.Storage;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// The state stage for one block, in block order: every transaction with a carrier pattern or a colored input goes to
/// <see cref="TransactionDecoder"/> with its previous outputs (undo data) and its inputs' assets (the state); the
/// answers become rows, and the state follows (spent outputs leave, colored outputs enter).
/// </summary>
public sealed class BlockColorer(ColoredUtxoSet state, Network network, string xcpPrefix, VersionClock clock, string? chain = null)
{
    // Counterparty's ledger step (src/Indexer/Counterparty): its rules follow the chain's name (testnet4, signet, ...).
    private readonly Counterparty.CounterpartyLedgerStage _xcp = new(state,
        Protocols.Counterparty.CounterpartyRules.ForName(chain) ?? Protocols.Counterparty.CounterpartyRules.For(network));

    public const string OpenAssets = "openassets";
    public const string Colu = "colu";
    public const string Counterparty = "counterparty";

    public BlockRows Apply(ParsedBlock parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var block = parsed.Block;
        var height = (uint)parsed.Height;
        var hash = parsed.Hash.ToString();
        var colored = 0;
        var rows = new BlockRows(
            new BlockRow(height, hash, block.Header.HashPrevBlock.ToString(), block.Header.BlockTime.UtcDateTime,
                (uint)block.Transactions.Count, (uint)parsed.Size, 0),
            parsed.Size);
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            state.RevealFunding.Observe(tx, (parsed.Source.Undo?.ForTransaction(i) ?? []).AsSpan());
            if (!parsed.Carriers[i] && (tx.IsCoinBase || !SpendsColored(tx))) continue;
            if (ApplyTransaction(parsed, i, tx, height, hash, rows)) colored++;
        }
        rows.Block = rows.Block with { ColoredTxCount = (uint)colored };
        return rows;
    }

    private bool SpendsColored(Transaction tx)
    {
        foreach (var input in tx.Inputs)
            if (state.Contains(input.PrevOut)) return true;
        return false;
    }

    private bool ApplyTransaction(ParsedBlock parsed, int txIndex, Transaction tx, uint height, string blockHash, BlockRows rows)
    {
        var txid = tx.GetHash().ToString();
        var spent = parsed.Source.Undo?.ForTransaction(txIndex) ?? [];
        var prevouts = ImmutableArray.CreateBuilder<TxOut?>(tx.Inputs.Count);
        var inputAssets = ImmutableArray.CreateBuilder<ImmutableArray<InputAsset>>(tx.Inputs.Count);
        var inputRows = new List<ColoredOutputRow>();
        for (var j = 0; j < tx.Inputs.Count; j++)
        {
            prevouts.Add(tx.IsCoinBase || j >= spent.Length ? null : new TxOut(Money.Satoshis(spent[j].Value), new Script(spent[j].ScriptPubKey)));
            var onInput = tx.IsCoinBase ? [] : state.Spend(tx.Inputs[j].PrevOut);
            inputAssets.Add(ColoredUtxoSet.ToInputAssets(onInput));
            foreach (var row in onInput)
            {
                inputRows.Add(row);
                rows.Outputs.Add((row with { SpentTxid = txid, SpentInput = (uint)j, SpentHeight = height }, clock.Next()));
            }
        }

        var answer = TransactionDecoder.Decode(new DecodeRequest(
            tx, prevouts.MoveToImmutable(), inputAssets.MoveToImmutable(), (int)height, network, xcpPrefix)
        { Chain = chain, RevealFunding = state.RevealFunding.For(tx) });
        var json = JsonSerializer.SerializeToNode(answer, DecodeJson.Options)!.AsObject();
        var context = new TxContext(tx, txid, txIndex, height, blockHash, rows, inputRows);
        var any = false;
        any |= ApplyOpenAssets(context, json["openAssets"] as JsonObject);
        any |= ApplyColu(context, json["colu"] as JsonObject);
        any |= ApplyCounterparty(context, json["counterparty"] as JsonObject);
        return any;
    }

    private sealed record TxContext(Transaction Tx, string Txid, int TxIndex, uint Height, string BlockHash, BlockRows Rows, List<ColoredOutputRow> InputRows)
    {
        private string? _raw;

        public string Raw => _raw ??= Tx.ToHex();

        public Dictionary<string, ulong> InputSums(string protocol)
        {
            var sums = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (var r in InputRows.Where(r => r.Protocol == protocol))
                sums[r.AssetId] = sums.GetValueOrDefault(r.AssetId) + r.Quantity;
            return sums;
        }
    }

    private bool ApplyOpenAssets(TxContext c, JsonObject? oa)
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
            foreach (var output in oa["outputs"] as JsonArray ?? [])
            {
                var assetId = Str(output, "assetId");
                var quantity = U64(output, "quantity");
                var role = Str(output, "role");
                var n = (int)(U64(output, "index"));
                if (assetId is null || quantity == 0 || n >= c.Tx.Outputs.Count) continue;
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
                        c.Rows.Assets.Add(new AssetRow(OpenAssets, assetId, string.Empty, Str(oa, "metadataHex") ?? string.Empty,
                            Str(oa, "metadataUtf8") ?? string.Empty, Str(oa, "definitionUrl") ?? string.Empty, -1, -1, string.Empty,
                            c.Txid, c.Height, c.BlockHash));
                }
                else
                {
                    if (kind != "issuance") kind = "transfer";
                    outSums[assetId] = outSums.GetValueOrDefault(assetId) + quantity;
                    c.Rows.Events.Add(new AssetEventRow(OpenAssets, assetId, c.Height, c.Txid, "transfer", seq++, quantity, address, n, c.BlockHash));
                }
            }
            if (oa["valid"]?.GetValue<bool>() == false) kind = "invalid";
        }
        foreach (var (assetId, quantity) in inputs)
        {
            var lost = quantity - Math.Min(quantity, outSums.GetValueOrDefault(assetId));
            if (lost > 0)
                c.Rows.Events.Add(new AssetEventRow(OpenAssets, assetId, c.Height, c.Txid, "destroyed", seq++, lost, string.Empty, -1, c.BlockHash));
        }
        c.Rows.Transactions.Add(new ColoredTransactionRow(c.Txid, OpenAssets, c.Height, c.BlockHash, (uint)c.TxIndex, kind,
            oa?["valid"]?.GetValue<bool>() ?? true, Str(oa, "error") ?? string.Empty, c.Raw, oa?.ToJsonString(DecodeJson.Options) ?? "null"));
        return true;
    }

    private bool ApplyColu(TxContext c, JsonObject? colu)
    {
        var inputs = c.InputSums(Colu);
        if (colu is null && inputs.Count == 0) return false;
        var outSums = new Dictionary<string, ulong>(StringComparer.Ordinal);
        uint seq = 0;
        var kind = Str(colu, "kind") ?? "destroyed";
        var valid = colu?["valid"]?.GetValue<bool>() ?? true;
        var issuedId = Str(colu, "assetId");
        ulong issued = 0;
        if (colu is not null && kind == "issuance" && valid && issuedId is not null)
        {
            issued = U64(colu, "amount");
            c.Rows.Events.Add(new AssetEventRow(Colu, issuedId, c.Height, c.Txid, "issuance", seq++, issued, string.Empty, -1, c.BlockHash));
            if (state.AddAsset(Colu, issuedId))
            {
                var lockStatus = colu["lockStatus"] is JsonValue l ? (sbyte)(l.GetValue<bool>() ? 1 : 0) : (sbyte)-1;
                c.Rows.Assets.Add(new AssetRow(Colu, issuedId, string.Empty, Str(colu, "sha2") ?? Str(colu, "torrentHash") ?? string.Empty,
                    string.Empty, string.Empty, (short)(colu["divisibility"] is JsonValue d ? d.GetValue<int>() : -1), lockStatus,
                    Str(colu, "aggregationPolicy") ?? string.Empty, c.Txid, c.Height, c.BlockHash));
            }
        }
        foreach (var output in colu?["outputs"] as JsonArray ?? [])
        {
            var n = (int)U64(output, "index");
            if (n >= c.Tx.Outputs.Count) continue;
            var txOut = c.Tx.Outputs[n];
            var address = AddressOf(txOut.ScriptPubKey);
            ushort idx = 0;
            foreach (var asset in output?["assets"] as JsonArray ?? [])
            {
                var assetId = Str(asset, "assetId");
                var amount = U64(asset, "amount");
                if (assetId is null) continue;
                var lockStatus = asset!["lockStatus"] is JsonValue l ? (sbyte)(l.GetValue<bool>() ? 1 : 0) : (sbyte)-1;
                AddOutput(c, new ColoredOutputRow(Colu, assetId, c.Txid, (uint)n, idx++, amount, address, txOut.ScriptPubKey.ToHex(),
                    (ulong)txOut.Value.Satoshi, c.Height, c.BlockHash, Str(asset, "issueTxid") ?? string.Empty,
                    (short)(asset["divisibility"] is JsonValue d ? d.GetValue<int>() : -1), lockStatus, Str(asset, "aggregationPolicy") ?? string.Empty));
                outSums[assetId] = outSums.GetValueOrDefault(assetId) + amount;
                c.Rows.Events.Add(new AssetEventRow(Colu, assetId, c.Height, c.Txid, "transfer", seq++, amount, address, n, c.BlockHash));
            }
        }
        var burned = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var asset in colu?["burned"] as JsonArray ?? [])
        {
            var assetId = Str(asset, "assetId");
            if (assetId is null) continue;
            burned[assetId] = burned.GetValueOrDefault(assetId) + U64(asset, "amount");
            c.Rows.Events.Add(new AssetEventRow(Colu, assetId, c.Height, c.Txid, "burn", seq++, U64(asset, "amount"), string.Empty, -1, c.BlockHash));
        }
        foreach (var (assetId, quantity) in inputs)
        {
            var available = quantity + (assetId == issuedId ? issued : 0);
            var accounted = outSums.GetValueOrDefault(assetId) + burned.GetValueOrDefault(assetId);
            if (available > accounted)
                c.Rows.Events.Add(new AssetEventRow(Colu, assetId, c.Height, c.Txid, "destroyed", seq++, available - accounted, string.Empty, -1, c.BlockHash));
        }
        c.Rows.Transactions.Add(new ColoredTransactionRow(c.Txid, Colu, c.Height, c.BlockHash, (uint)c.TxIndex, kind, valid,
            Str(colu, "error") ?? string.Empty, c.Raw, colu?.ToJsonString(DecodeJson.Options) ?? "null"));
        return true;
    }

    private bool ApplyCounterparty(TxContext c, JsonObject? xcp)
    {
        if (xcp is null) return false;
        _xcp.Apply(c.Txid, c.TxIndex, c.Height, c.BlockHash, xcp, c.Rows);
        var fields = xcp["fields"] as JsonObject;
        var messageType = Str(xcp, "messageType") ?? "unknown";
        var asset = Str(fields, "asset") ?? string.Empty;
        var quantity = fields?["quantity"] is JsonValue q && q.TryGetValue<long>(out var qv) ? qv : 0;
        var valid = xcp["valid"]?.GetValue<bool>() ?? false;
        c.Rows.Messages.Add(new CounterpartyMessageRow(c.Txid, c.Height, c.BlockHash, (uint)c.TxIndex,
            xcp["messageTypeId"] is JsonValue t && t.TryGetValue<int>(out var tv) ? tv : -1, messageType, Str(xcp, "carrier") ?? string.Empty,
            Str(xcp, "source") ?? string.Empty, Str(xcp, "destination") ?? string.Empty, asset, quantity,
            I64(xcp, "btcAmount"), I64(xcp, "fee"), valid, Str(xcp, "error") ?? string.Empty, Str(xcp, "dataHex") ?? string.Empty,
            fields?.ToJsonString(DecodeJson.Options) ?? "{}"));
        if (asset.Length > 0)
            c.Rows.Events.Add(new AssetEventRow(Counterparty, asset, c.Height, c.Txid, messageType, 0, (ulong)Math.Max(0, quantity),
                Str(xcp, "source") ?? string.Empty, -1, c.BlockHash));
        c.Rows.Transactions.Add(new ColoredTransactionRow(c.Txid, Counterparty, c.Height, c.BlockHash, (uint)c.TxIndex, messageType, valid,
            Str(xcp, "error") ?? string.Empty, c.Raw, xcp.ToJsonString(DecodeJson.Options)));
        return true;
    }

    private void AddOutput(TxContext c, ColoredOutputRow row)
    {
        c.Rows.Outputs.Add((row, clock.Next()));
        state.Add(row);
    }

    private string AddressOf(Script script) => script.GetDestinationAddress(network)?.ToString() ?? string.Empty;

    private static string? Str(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static ulong U64(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<ulong>(out var u) ? u : 0;

    private static long I64(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<long>(out var u) ? u : 0;
}
