using Explorer.Protocols.Colu;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.OpenAssets;

namespace Explorer.Protocols.Decoding;

/// <summary>Runs the three protocol decoders over one transaction. Pure: no I/O.</summary>
public static class TransactionDecoder
{
    public static DecodeAnswer Decode(DecodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DecodeAnswer(
            request.Txid().ToString(),
            OpenAssetsAnswerBuilder.Build(request),
            ColuAnswerBuilder.Build(request),
            CounterpartyAnswerBuilder.Build(request));
    }
}
