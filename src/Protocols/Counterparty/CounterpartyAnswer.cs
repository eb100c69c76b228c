using System.Text.Json.Serialization;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// The "counterparty" key of the decode contract (../shared/docs/decode-cli.md): carrier, message data after the
/// prefix and ARC4, type ID and name, fields under counterparty-core's unpack names (asset IDs as names), and
/// source/destination/btcAmount/fee as get_tx_info derives them; plus <see cref="Raw"/>, the byte layers behind it.
/// </summary>
public sealed record CounterpartyAnswer(
    string? Carrier,
    string? DataHex,
    int? MessageTypeId,
    string? MessageType,
    IReadOnlyDictionary<string, object?> Fields,
    string? Source,
    string? Destination,
    long? BtcAmount,
    long? Fee,
    bool Valid,
    string? Error,
    [property: JsonPropertyName("raw")] RawView Raw);
