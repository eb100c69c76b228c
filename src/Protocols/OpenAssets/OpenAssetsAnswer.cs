using Explorer.Protocols.Decoding;

namespace Explorer.Protocols.OpenAssets;

// PLACEHOLDER owned by the OpenAssets decoder work: replaced by the real answer shape of ../shared/docs/decode-cli.md.
public sealed record OpenAssetsAnswer;

public static class OpenAssetsAnswerBuilder
{
    public static OpenAssetsAnswer? Build(DecodeRequest request) => request is null ? null : null;
}
