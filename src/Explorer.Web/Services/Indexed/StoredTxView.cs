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
            TransactionSummary.From(DecodeRequest.For(tx, network)),
            AnswerPanels.FromJson(TransactionAnswer.DecodeContractJson(answer)),
            TransactionLayout.Of(tx),
            answer.ToJsonString(new JsonSerializerOptions(DecodeJson.Options) { WriteIndented = true }));
    }
}
