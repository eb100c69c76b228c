using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Counterparty.Ledger;

namespace Explorer.Indexer.Counterparty;

/// <summary>
/// The state stage's Counterparty ledger step: each decoded Counterparty transaction, in block order, goes through
/// <see cref="CounterpartyLedger"/> (counterparty-core's parse rules) and becomes journal rows (status, debits, credits,
/// asset states: <c>xcp_ledger</c>), plus the explorer's <c>assets</c> row of every asset it creates or changes.
/// </summary>
public sealed class CounterpartyLedgerStage(ColoredUtxoSet state, CounterpartyRules rules)
{
    public const string Protocol = "counterparty";

    /// <summary>Runs the ledger over one decoded transaction (<paramref name="answer"/> is the decode contract's
    /// <c>counterparty</c> answer) and adds its rows to the block's.</summary>
    public void Apply(string txid, int txIndex, uint height, string blockHash, CounterpartyAnswer answer, BlockRows rows)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(rows);
        var messageType = answer.MessageType ?? "unknown";
        var dataHex = answer.DataHex;
        XcpMessage? message = null;
        var error = answer.Error;
        if (messageType != "burn" && dataHex is { Length: > 0 })
        {
            var decoded = CounterpartyMessageDecoder.Decode(Convert.FromHexString(dataHex), rules, (int)height);
            if (decoded.IsValid) message = decoded.Message;
            else error = decoded.ErrorMessage;
        }
        var btcAmount = answer.BtcAmount ?? 0;
        var tx = new LedgerTx(txid, txIndex, (int)height, answer.Source, answer.Destination, btcAmount,
            messageType == "burn", message, error);
        var outcome = state.XcpLedger.Apply(tx, rules);
        var xcp = rows.Xcp;
        uint seq = 0;
        xcp.Journal.Add(new XcpJournalRow(height, blockHash, txid, (uint)txIndex, seq++, CounterpartyLedgerRows.Status, string.Empty,
            string.Empty, 0, messageType, outcome.Status));
        foreach (var d in outcome.Debits)
            xcp.Journal.Add(new XcpJournalRow(height, blockHash, txid, (uint)txIndex, seq++, CounterpartyLedgerRows.Debit, d.Address, d.Asset, d.Quantity, d.Action));
        foreach (var c in outcome.Credits)
            xcp.Journal.Add(new XcpJournalRow(height, blockHash, txid, (uint)txIndex, seq++, CounterpartyLedgerRows.Credit, c.Address, c.Asset, c.Quantity, c.Action));
        foreach (var a in outcome.Assets)
        {
            var firstBlock = state.XcpFirstBlocks.TryGetValue(a.Name, out var known) ? known : blockHash;
            state.XcpFirstBlocks[a.Name] = firstBlock;
            state.AddAsset(Protocol, a.Name);
            var row = new XcpJournalRow(height, blockHash, txid, (uint)txIndex, seq++, CounterpartyLedgerRows.AssetState, a.Issuer, a.Name,
                a.Supply, string.Empty, string.Empty, a.Longname ?? string.Empty, a.Divisible, a.Locked, a.DescriptionLocked, a.Description,
                a.FirstTxid, (uint)a.FirstHeight, firstBlock);
            xcp.Journal.Add(row);
            // The block's shared assets rows (one insert per batch with Open Assets and Colu): the latest state of an
            // asset replaces an earlier one of the same block; across blocks, the later row of the batch wins (inserted
            // last with the batch's version).
            rows.Assets.RemoveAll(r => r.Protocol == Protocol && r.AssetId == a.Name);
            rows.Assets.Add(row.ToAssetRow());
        }
    }
}
