using Explorer.Protocols.Decoding;

namespace Explorer.Protocols.Colu;

// PLACEHOLDER owned by the Colu decoder work: replaced by the real answer shape of ../shared/docs/decode-cli.md.
public sealed record ColuAnswer;

public static class ColuAnswerBuilder
{
    public static ColuAnswer? Build(DecodeRequest request) => request is null ? null : null;
}
