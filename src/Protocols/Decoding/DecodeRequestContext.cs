using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NBitcoin;

namespace Explorer.Protocols.Decoding;

/// <summary>
/// A decode request without its transaction and input colors, as a request line of the decode contract
/// (../shared/docs/decode-cli.md: prevouts, height, network, chain, xcpPrefix, revealFunding). The indexer stores it
/// next to each colored transaction it decoded without raw views (<see cref="DecodeRequest.IncludeRaw"/>); the explorer
/// adds the stored raw transaction and decodes the same request again to show the bytes behind every field
/// (<see cref="Rebuild"/>).
/// </summary>
public static class DecodeRequestContext
{
    private static readonly JsonEncodedText PrevoutsKey = JsonEncodedText.Encode("prevouts");
    private static readonly JsonEncodedText ScriptKey = JsonEncodedText.Encode("script");
    private static readonly JsonEncodedText ValueKey = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText HeightKey = JsonEncodedText.Encode("height");
    private static readonly JsonEncodedText NetworkKey = JsonEncodedText.Encode("network");
    private static readonly JsonEncodedText ChainKey = JsonEncodedText.Encode("chain");
    private static readonly JsonEncodedText XcpPrefixKey = JsonEncodedText.Encode("xcpPrefix");
    private static readonly JsonEncodedText RevealFundingKey = JsonEncodedText.Encode("revealFunding");
    private static readonly JsonEncodedText TxidKey = JsonEncodedText.Encode("txid");
    private static readonly JsonEncodedText NKey = JsonEncodedText.Encode("n");

    // One buffer and writer per thread, reused: the indexer writes a context per decoded carrier on every core.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
    [ThreadStatic] private static byte[]? t_hex;

    /// <summary>The context of <paramref name="request"/> as one JSON object (no "tx", no "inputAssets").</summary>
    public static string Write(DecodeRequest request) => Encoding.UTF8.GetString(WriteUtf8(request));

    /// <summary><see cref="Write"/> as UTF-8 bytes (what ClickHouse stores), written with a per-thread buffer and writer and
    /// the scripts' hex straight into the JSON.</summary>
    public static byte[] WriteUtf8(DecodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteStartArray(PrevoutsKey);
        foreach (var prevout in request.Prevouts.IsDefault ? [] : request.Prevouts)
        {
            if (prevout is null)
            {
                json.WriteNullValue();
                continue;
            }
            json.WriteStartObject();
            WriteHex(json, ScriptKey, prevout.ScriptPubKey.ToBytes(true));
            json.WriteNumber(ValueKey, prevout.Value.Satoshi);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (request.Height is { } height) json.WriteNumber(HeightKey, height);
        json.WriteString(NetworkKey, NetworkName(request.Network));
        if (request.Chain is { } chain) json.WriteString(ChainKey, chain);
        json.WriteString(XcpPrefixKey, request.XcpPrefix);
        if (request.RevealFunding is { } funding)
        {
            json.WriteStartObject(RevealFundingKey);
            json.WriteString(TxidKey, funding.OutPoint.Hash.ToString());
            json.WriteNumber(NKey, funding.OutPoint.N);
            WriteHex(json, ScriptKey, funding.Output.ScriptPubKey.ToBytes(true));
            json.WriteNumber(ValueKey, funding.Output.Value.Satoshi);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        // A context of thousands of inputs is not kept alive for the rest of the thread's life.
        if (buffer.Capacity > 1 << 20) (t_buffer, t_writer) = (null, null);
        return bytes;
    }

    /// <summary>Lowercase hex of <paramref name="bytes"/> as a string value, through a per-thread scratch buffer.</summary>
    private static void WriteHex(Utf8JsonWriter json, JsonEncodedText key, ReadOnlySpan<byte> bytes)
    {
        var hex = t_hex;
        if (hex is null || hex.Length < bytes.Length * 2) t_hex = hex = new byte[Math.Max(256, bytes.Length * 2)];
        var span = hex.AsSpan(0, bytes.Length * 2);
        for (var i = 0; i < bytes.Length; i++)
        {
            span[2 * i] = HexDigits[bytes[i] >> 4];
            span[2 * i + 1] = HexDigits[bytes[i] & 0xF];
        }
        json.WriteString(key, span);
    }

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>The request again: the stored context plus the raw transaction and the inputs' colors (may be empty;
    /// raw views do not depend on them). False with a reason when the context or the transaction cannot be read.</summary>
    public static bool Rebuild(string context, string rawHex, out DecodeRequest request, out string error)
    {
        request = null!;
        JsonObject? line;
        try
        {
            line = JsonNode.Parse(context, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }) as JsonObject;
        }
        catch (JsonException ex)
        {
            error = "stored request context is not JSON: " + ex.Message;
            return false;
        }
        if (line is null)
        {
            error = "stored request context is not a JSON object";
            return false;
        }
        line["tx"] = rawHex;
        return DecodeJson.TryParseRequest(line.ToJsonString(), out request, out error);
    }

    /// <summary>
    /// A protocol's stored answer (<paramref name="protocol"/>: openassets, colu or counterparty) with its raw views put
    /// back: the request is rebuilt from <paramref name="context"/> and <paramref name="rawHex"/> and decoded again, and
    /// its "raw" goes where the decoder writes it; every other value stays as stored (raw views depend on the
    /// transaction and its prevouts only, not on the inputs' colors, which the context does not hold). An answer that
    /// has its "raw", no context, or a context that does not decode is returned as it is.
    /// </summary>
    public static JsonObject RestoreRaw(string protocol, JsonObject stored, string context, string rawHex)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.ContainsKey("raw") || string.IsNullOrEmpty(context) || !Rebuild(context, rawHex ?? string.Empty, out var request, out _))
            return stored;
        var again = TransactionDecoder.Decode(request);
        object? fresh = protocol switch
        {
            "openassets" => again.OpenAssets,
            "colu" => again.Colu,
            "counterparty" => again.Counterparty,
            _ => null,
        };
        if (fresh is null || JsonSerializer.SerializeToNode(fresh, DecodeJson.Options) is not JsonObject decoded || decoded["raw"] is not { } raw)
            return stored;
        // The decoder's key order, the stored values, the fresh raw views.
        var merged = new JsonObject();
        foreach (var (key, _) in decoded)
        {
            if (key == "raw") merged["raw"] = raw.DeepClone();
            else if (stored.TryGetPropertyValue(key, out var value)) merged[key] = value?.DeepClone();
        }
        foreach (var (key, value) in stored)
            if (!merged.ContainsKey(key)) merged[key] = value?.DeepClone();
        return merged;
    }

    /// <summary>The decode contract's name of a network ("main", "test" or "regtest").</summary>
    public static string NetworkName(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.ChainName == ChainName.Mainnet ? "main" : network.ChainName == ChainName.Regtest ? "regtest" : "test";
    }
}
