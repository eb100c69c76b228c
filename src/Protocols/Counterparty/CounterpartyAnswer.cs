using Explorer.Protocols.Decoding;

namespace Explorer.Protocols.Counterparty;

// PLACEHOLDER owned by the Counterparty decoder work: replaced by the real answer shape of ../shared/docs/decode-cli.md.
public sealed record CounterpartyAnswer;

public static class CounterpartyAnswerBuilder
{
    public static CounterpartyAnswer? Build(DecodeRequest request) => request is null ? null : null;
}
