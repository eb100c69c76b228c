using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Common;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// What the transaction page shows for a stored colored transaction: the decode page's parts (summary, protocol
/// panels, annotated raw transaction) built from the stored raw_hex and answer_json, plus the indexed colors.
/// </summary>
public sealed record StoredTxView(
    IndexedTransaction Indexed,
    TransactionSummary Summary,
    ImmutableArray<ProtocolPanel> Panels,
    RawView Layout,
    string Json)
{
    public static StoredTxView From(IndexedTransaction indexed, Network network)
    {
        var tx = Transaction.Parse(indexed.First.RawHex, network);
        var answer = TransactionAnswer.Build(indexed);
        return new StoredTxView(
            indexed,
            TransactionSummary.From(WithPrevouts(indexed, tx, network)),
            AnswerPanels.FromJson(TransactionAnswer.DecodeContractJson(answer)),
            TransactionLayout.Of(tx),
            answer.ToJsonString(new JsonSerializerOptions(DecodeJson.Options) { WriteIndented = true }));
    }

    /// <summary>The request the indexer decoded with (its stored context holds the prevouts it read from the undo
    /// data), so that the summary shows the inputs' values, their addresses and the fee: the row whose context knows
    /// the most prevouts; the transaction alone when none does (a row written before sql/006, or a mempool row before
    /// sql/008).</summary>
    private static DecodeRequest WithPrevouts(IndexedTransaction indexed, Transaction tx, Network network)
    {
        DecodeRequest? best = null;
        var known = 0;
        foreach (var row in indexed.Rows)
        {
            if (string.IsNullOrEmpty(row.RequestJson)
                || !DecodeRequestContext.Rebuild(row.RequestJson, row.RawHex, out var request, out _)
                || request.Prevouts.IsDefault)
                continue;
            var count = request.Prevouts.Count(p => p is not null);
            if (count > known) (best, known) = (request with { Network = network }, count);
        }
        return best ?? DecodeRequest.For(tx, network);
    }
}
