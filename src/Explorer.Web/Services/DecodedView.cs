using System.Collections.Immutable;
using Explorer.Protocols.Common;
using Explorer.Protocols.Decoding;

namespace Explorer.Web.Services;

/// <summary>Everything the decode page shows for one decoded transaction.</summary>
public sealed record DecodedView(
    TransactionSummary Summary,
    ImmutableArray<ProtocolPanel> Panels,
    RawView Layout,
    string Json)
{
    public static DecodedView From(DecodeRequest request)
    {
        var answer = TransactionDecoder.Decode(request);
        var json = DecodeJson.Serialize(answer);
        return new DecodedView(
            TransactionSummary.From(request),
            AnswerPanels.FromJson(json),
            TransactionLayout.Of(request.Tx),
            json);
    }
}
