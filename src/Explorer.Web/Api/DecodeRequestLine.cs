namespace Explorer.Web.Api;

/// <summary>
/// The request line of the decode contract (../shared/docs/decode-cli.md), for the OpenAPI document only: the
/// endpoint reads the body with <see cref="Explorer.Protocols.Decoding.DecodeJson.TryParseRequest"/>.
/// </summary>
/// <param name="Tx">Raw transaction hex (required).</param>
/// <param name="Prevouts">Previous outputs aligned with the inputs; null where unknown.</param>
/// <param name="InputAssets">Assets on each input, aligned with the inputs.</param>
/// <param name="Height">Block height selecting Counterparty's rules; default the newest.</param>
/// <param name="Network">main, test or regtest; default main.</param>
/// <param name="XcpPrefix">Counterparty prefix; default CNTRPRTY.</param>
public sealed record DecodeRequestLine(
    string Tx,
    IReadOnlyList<PrevoutLine?>? Prevouts,
    IReadOnlyList<IReadOnlyList<InputAssetLine>?>? InputAssets,
    int? Height,
    string? Network,
    string? XcpPrefix);

