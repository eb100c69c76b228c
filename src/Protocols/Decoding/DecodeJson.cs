using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NBitcoin;

namespace Explorer.Protocols.Decoding;

/// <summary>
/// The JSON side of the decode contract (../shared/docs/decode-cli.md): request lines in, answer lines out.
/// Parsing never throws; a request that cannot be read gives an error string.
/// </summary>
public static class DecodeJson
{
    /// <summary>camelCase keys; nulls are written (a protocol's key is null when absent). Answers are written from the
    /// source-generated <see cref="DecodeJsonContext"/>; any other type (a web page's JSON nodes, a value type no
    /// decoder produces yet) from reflection, as before.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions(
        JsonTypeInfoResolver.Combine(DecodeJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        new FastArrayConverter<OpenAssets.OpenAssetsOutputAnswer>(DecodeJsonFastContext.Default.OpenAssetsOutputAnswer),
        new FastArrayConverter<Colu.ColuAnswerOutput>(DecodeJsonFastContext.Default.ColuAnswerOutput),
        new FastArrayConverter<Colu.ColuAnswerAsset>(DecodeJsonFastContext.Default.ColuAnswerAsset),
        new FastArrayConverter<Colu.ColuAnswerPayment>(DecodeJsonFastContext.Default.ColuAnswerPayment));

    /// <summary>The decode contract's settings over <paramref name="resolver"/>: Web defaults, nulls written, strict
    /// numbers, relaxed escaping, and an omitted raw view left out. <see cref="Options"/> is this over the generated
    /// context; tests and benchmarks pass <c>new DefaultJsonTypeInfoResolver()</c> for the reflection-based reference.</summary>
    public static JsonSerializerOptions CreateOptions(IJsonTypeInfoResolver resolver, params JsonConverter[] converters)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = false,
            NumberHandling = JsonNumberHandling.Strict,
            // Output is JSON for machines and JSON APIs, never inlined into HTML: keep quotes and "+" readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = resolver.WithAddedModifier(SkipOmittedRaw),
        };
        foreach (var converter in converters) options.Converters.Add(converter);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>A raw view that was not built (<see cref="Common.RawView.Omitted"/>) is left out, key included.</summary>
    private static void SkipOmittedRaw(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
            if (property.PropertyType == typeof(Common.RawView))
                property.ShouldSerialize = static (_, value) => !ReferenceEquals(value, Common.RawView.Omitted);
    }

    public static string Serialize(DecodeAnswer answer) => JsonSerializer.Serialize(answer, Options);

    /// <summary>Decodes one request line, never throwing: a bad line gives an answer with an error.</summary>
    public static DecodeAnswer DecodeLine(string line)
    {
        if (!TryParseRequest(line, out var request, out var error))
            return DecodeAnswer.Failed(null, error);
        return TransactionDecoder.Decode(request);
    }

    public static bool TryParseRequest(string line, out DecodeRequest request, out string error)
    {
        request = null!;
        try
        {
            using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { error = "request must be a JSON object"; return false; }
            if (!root.TryGetProperty("tx", out var txEl) || txEl.ValueKind != JsonValueKind.String)
            { error = "missing \"tx\" (raw transaction hex)"; return false; }

            var network = Network.Main;
            if (root.TryGetProperty("network", out var netEl) && netEl.ValueKind != JsonValueKind.Null)
            {
                if (netEl.ValueKind != JsonValueKind.String || !TryParseNetwork(netEl.GetString()!, out network))
                { error = "\"network\" must be main, test or regtest"; return false; }
            }
            if (!TryParseTransaction(txEl.GetString()!, network, out var tx, out error)) return false;

            var prevouts = ImmutableArray<TxOut?>.Empty;
            if (root.TryGetProperty("prevouts", out var pEl) && pEl.ValueKind != JsonValueKind.Null)
            {
                if (pEl.ValueKind != JsonValueKind.Array) { error = "\"prevouts\" must be an array"; return false; }
                var b = ImmutableArray.CreateBuilder<TxOut?>();
                foreach (var item in pEl.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Null) { b.Add(null); continue; }
                    if (item.ValueKind != JsonValueKind.Object
                        || !item.TryGetProperty("script", out var s) || s.ValueKind != JsonValueKind.String
                        || !item.TryGetProperty("value", out var v) || !TryGetInt64(v, out var sats) || sats < 0
                        || !TryParseHex(s.GetString()!, out var script))
                    { error = $"prevouts[{b.Count}] must be {{\"script\": hex, \"value\": satoshis}} or null"; return false; }
                    b.Add(new TxOut(Money.Satoshis(sats), new Script(script)));
                }
                prevouts = b.ToImmutable();
            }

            var inputAssets = ImmutableArray<ImmutableArray<InputAsset>>.Empty;
            if (root.TryGetProperty("inputAssets", out var aEl) && aEl.ValueKind != JsonValueKind.Null)
            {
                if (aEl.ValueKind != JsonValueKind.Array) { error = "\"inputAssets\" must be an array"; return false; }
                var outer = ImmutableArray.CreateBuilder<ImmutableArray<InputAsset>>();
                foreach (var input in aEl.EnumerateArray())
                {
                    if (input.ValueKind == JsonValueKind.Null) { outer.Add([]); continue; }
                    if (input.ValueKind != JsonValueKind.Array) { error = $"inputAssets[{outer.Count}] must be an array or null"; return false; }
                    var inner = ImmutableArray.CreateBuilder<InputAsset>();
                    foreach (var asset in input.EnumerateArray())
                    {
                        if (!TryParseInputAsset(asset, out var parsed))
                        { error = $"inputAssets[{outer.Count}][{inner.Count}] needs protocol, assetId and a non-negative integer quantity"; return false; }
                        inner.Add(parsed);
                    }
                    outer.Add(inner.ToImmutable());
                }
                inputAssets = outer.ToImmutable();
            }

            int? height = null;
            if (root.TryGetProperty("height", out var hEl) && hEl.ValueKind != JsonValueKind.Null)
            {
                if (!TryGetInt32(hEl, out var h) || h < 0) { error = "\"height\" must be a non-negative integer"; return false; }
                height = h;
            }

            var prefix = DecodeRequest.DefaultXcpPrefix;
            if (root.TryGetProperty("xcpPrefix", out var xEl) && xEl.ValueKind != JsonValueKind.Null)
            {
                if (xEl.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(xEl.GetString()))
                { error = "\"xcpPrefix\" must be a non-empty string"; return false; }
                prefix = xEl.GetString()!;
            }

            RevealFunding? funding = null;
            if (root.TryGetProperty("revealFunding", out var fEl) && fEl.ValueKind != JsonValueKind.Null)
            {
                // Optional: the output that funded a taproot reveal's commit (counterparty-core names it the source).
                if (fEl.ValueKind != JsonValueKind.Object
                    || !fEl.TryGetProperty("txid", out var ft) || ft.ValueKind != JsonValueKind.String || !uint256.TryParse(ft.GetString(), out var fTxid)
                    || !fEl.TryGetProperty("n", out var fn) || !TryGetUInt32(fn, out var fN)
                    || !fEl.TryGetProperty("script", out var fs) || fs.ValueKind != JsonValueKind.String || !TryParseHex(fs.GetString()!, out var fScript)
                    || !fEl.TryGetProperty("value", out var fv) || !TryGetInt64(fv, out var fSats) || fSats < 0)
                { error = "\"revealFunding\" must be {\"txid\": hex, \"n\": index, \"script\": hex, \"value\": satoshis}"; return false; }
                funding = new RevealFunding(new OutPoint(fTxid, fN), new TxOut(Money.Satoshis(fSats), new Script(fScript)));
            }

            // Optional "chain": the test network by name (testnet3, testnet4, signet) when Counterparty's heights matter.
            string? chain = null;
            if (root.TryGetProperty("chain", out var cEl) && cEl.ValueKind != JsonValueKind.Null)
            {
                if (cEl.ValueKind != JsonValueKind.String || Counterparty.CounterpartyRules.ForName(cEl.GetString()) is null)
                { error = "\"chain\" must be mainnet, testnet3, testnet4, signet or regtest"; return false; }
                chain = cEl.GetString();
            }

            request = new DecodeRequest(tx, prevouts, inputAssets, height, network, prefix) { Chain = chain, RevealFunding = funding };
            error = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            error = "request is not valid JSON: " + ex.Message;
            return false;
        }
    }

    private static bool TryParseInputAsset(JsonElement el, out InputAsset asset)
    {
        asset = null!;
        if (el.ValueKind != JsonValueKind.Object) return false;
        if (!el.TryGetProperty("protocol", out var p) || p.ValueKind != JsonValueKind.String) return false;
        if (!el.TryGetProperty("assetId", out var id) || id.ValueKind != JsonValueKind.String) return false;
        JsonElement q;
        if (!el.TryGetProperty("quantity", out q) && !el.TryGetProperty("amount", out q)) return false;
        if (q.ValueKind != JsonValueKind.Number || !q.TryGetUInt64(out var quantity)) return false;
        string? Str(string name) => el.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? divisibility = el.TryGetProperty("divisibility", out var d) && TryGetInt32(d, out var dv) ? dv : null;
        bool? lockStatus = el.TryGetProperty("lockStatus", out var l) && l.ValueKind is JsonValueKind.True or JsonValueKind.False ? l.GetBoolean() : null;
        asset = new InputAsset(p.GetString()!, id.GetString()!, quantity, Str("issueTxid"), divisibility, lockStatus, Str("aggregationPolicy"));
        return true;
    }

    public static bool TryParseNetwork(string name, out Network network)
    {
        network = name.ToLowerInvariant() switch
        {
            "main" or "mainnet" => Network.Main,
            "test" or "testnet" => Network.TestNet,
            "regtest" => Network.RegTest,
            _ => null!,
        };
        return network is not null;
    }

    public static bool TryParseTransaction(string hex, Network network, out Transaction tx, out string error)
    {
        tx = null!;
        if (!TryParseHex(hex, out var bytes) || bytes.Length == 0) { error = "\"tx\" is not hex"; return false; }
        try
        {
            tx = Transaction.Load(bytes, network);
            // NBitcoin reads leniently: insist that every byte belongs to the transaction.
            if (tx.GetSerializedSize() != bytes.Length) { error = "\"tx\" has trailing bytes after the transaction"; return false; }
            error = string.Empty;
            return true;
        }
#pragma warning disable CA1031 // NBitcoin throws assorted exception types on malformed bytes; all mean "not a transaction".
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            error = "\"tx\" is not a valid transaction: " + ex.Message;
            return false;
        }
    }

    public static bool TryParseHex(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length % 2 != 0) return false;
        try { bytes = Convert.FromHexString(hex); return true; }
        catch (FormatException) { return false; }
    }

    internal static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    // JsonElement.TryGetInt32 and its kin throw InvalidOperationException on a string, an object or an array: a field
    // of the wrong type is a malformed request (an error line), not a crash of the whole batch.
    private static bool TryGetInt32(JsonElement e, out int value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }

    private static bool TryGetInt64(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value);
    }

    private static bool TryGetUInt32(JsonElement e, out uint value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetUInt32(out value);
    }
}
