using Explorer.Protocols.Colu;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.OpenAssets;

namespace Explorer.Protocols.Decoding;

/// <summary>
/// One answer line of the decode contract (../shared/docs/decode-cli.md): a protocol's key is null when the
/// transaction carries nothing of that protocol. <see cref="Error"/> is set only when the request could not be decoded.
/// </summary>
public sealed record DecodeAnswer(
    string? Txid,
    OpenAssetsAnswer? OpenAssets,
    ColuAnswer? Colu,
    CounterpartyAnswer? Counterparty)
{
    public string? Error { get; init; }

    public static DecodeAnswer Failed(string? txid, string error) => new(txid, null, null, null) { Error = error };
}
