using System.Text.Json;
using System.Text.Json.Serialization;
using Explorer.Protocols.Colu;
using Explorer.Protocols.OpenAssets;

namespace Explorer.Protocols.Decoding;

/// <summary>
/// Serialization-only source generation (System.Text.Json's "fast path": a generated method writes each object, no
/// WriteStack, no converter per property) for the small records answers list by the dozen: outputs, payments, asset
/// entries. The fast path runs only under the context's own options, which cannot carry the decode contract's encoder
/// (<see cref="DecodeJson.Options"/>); so <see cref="FastArrayConverter{T}"/> writes each element through this context
/// into the caller's writer, whose encoder escapes the values. Property names are ASCII camelCase, the same under
/// either encoder; <c>GeneratedJsonEquivalenceTests</c> compares the bytes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict, WriteIndented = false, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(OpenAssetsOutputAnswer))]
[JsonSerializable(typeof(ColuAnswerOutput))]
[JsonSerializable(typeof(ColuAnswerAsset))]
[JsonSerializable(typeof(ColuAnswerPayment))]
internal sealed partial class DecodeJsonFastContext : JsonSerializerContext;
