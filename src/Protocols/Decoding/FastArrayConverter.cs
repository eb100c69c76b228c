using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Explorer.Protocols.Decoding;

/// <summary>
/// Writes an <see cref="ImmutableArray{T}"/> of answer records element by element through the serialization-only
/// <see cref="DecodeJsonFastContext"/> (its generated writer, into the caller's writer and encoder); reads through the
/// metadata of <see cref="DecodeJsonContext"/>. Same JSON as the array written the ordinary way.
/// </summary>
internal sealed class FastArrayConverter<T>(JsonTypeInfo<T> element) : JsonConverter<ImmutableArray<T>>
{
    public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<ImmutableArray<T>>)DecodeJsonContext.Default.GetTypeInfo(typeof(ImmutableArray<T>))!);

    public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var item in value) JsonSerializer.Serialize(writer, item, element);
        writer.WriteEndArray();
    }
}
