using System.Text.Json;
using System.Text.Json.Serialization;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Common;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.OpenAssets;

namespace Explorer.Protocols.Decoding;

/// <summary>
/// Source-generated System.Text.Json metadata for the decode contract's answers (../shared/docs/decode-cli.md), so that
/// writing an answer needs no reflection. Same settings as <see cref="DecodeJson.Options"/> (Web defaults, nulls
/// written); the encoder and the "raw view omitted" rule are set on the options that use this context.
/// <para>
/// <see cref="CounterpartyAnswer.Fields"/> holds <c>object</c> values: the serializer picks the metadata of each value's
/// runtime type, so every type the Counterparty message decoders put there is listed below (string, bool, integers,
/// double, fairminter's decimal commission, MPMA's list of sends). A type missing here falls back to the reflection resolver chained after this context
/// in <see cref="DecodeJson.Options"/>, never to an exception; the decode-contract JSON tests serialize every vector
/// with this context alone to show that no answer needs the fallback.
/// </para>
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict, WriteIndented = false)]
[JsonSerializable(typeof(DecodeAnswer))]
[JsonSerializable(typeof(OpenAssetsAnswer))]
[JsonSerializable(typeof(ColuAnswer))]
[JsonSerializable(typeof(CounterpartyAnswer))]
[JsonSerializable(typeof(RawView))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, object?>))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(List<Dictionary<string, object?>>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(byte))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(uint))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(ulong))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(decimal))] // fairminter's minted_asset_commission
public sealed partial class DecodeJsonContext : JsonSerializerContext;
