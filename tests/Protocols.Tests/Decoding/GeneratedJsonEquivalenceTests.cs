using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Common;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Decoding;
using Explorer.Protocols.OpenAssets;
using NBitcoin;

namespace Explorer.Protocols.Tests.Decoding;

/// <summary>
/// The decode contract's JSON (../shared/docs/decode-cli.md) written from the source-generated
/// <see cref="DecodeJsonContext"/> is byte for byte what the reflection-based resolver wrote before it, for every answer
/// the test data gives: every transaction hex in data/ (openassets, colu, counterparty: real mainnet/testnet vectors and
/// the Bitcoin Core regtest chain of ../shared/fixtures/core-regtest), all 1,557 transactions of mainnet block 413,567,
/// and the fields of every counterparty-core unpack case (data/counterparty/core-cases.json), with and without raw views.
/// </summary>
[Trait("Category", "Unit")]
public class GeneratedJsonEquivalenceTests
{
    private static readonly JsonSerializerOptions Reflection = DecodeJson.CreateOptions(new DefaultJsonTypeInfoResolver());

    /// <summary>The context alone, no reflection fallback: an answer needing a type the context lacks throws here.</summary>
    private static readonly JsonSerializerOptions GeneratedOnly = DecodeJson.CreateOptions(DecodeJsonContext.Default);

    private static string DataPath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    /// <summary>(name, network, transaction) of every string under data/ keyed "tx" or "...hex" that is a whole
    /// transaction.</summary>
    private static IEnumerable<(string Name, Network Network, Transaction Tx)> VectorTransactions()
    {
        foreach (var file in Directory.EnumerateFiles(DataPath(), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var network = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("network", out var n)
                && n.ValueKind == JsonValueKind.String && DecodeJson.TryParseNetwork(n.GetString()!, out var parsed) ? parsed : Network.Main;
            var stack = new Stack<JsonElement>([doc.RootElement]);
            while (stack.Count > 0)
            {
                var element = stack.Pop();
                if (element.ValueKind == JsonValueKind.Array)
                    foreach (var item in element.EnumerateArray()) stack.Push(item);
                if (element.ValueKind != JsonValueKind.Object) continue;
                foreach (var property in element.EnumerateObject())
                {
                    if ((property.Name == "tx" || property.Name.EndsWith("hex", StringComparison.Ordinal)) && property.Value.ValueKind == JsonValueKind.String
                        && DecodeJson.TryParseTransaction(property.Value.GetString()!, network, out var tx, out _))
                        yield return ($"{Path.GetFileName(file)}:{tx.GetHash()}", network, tx);
                    else stack.Push(property.Value);
                }
            }
        }
    }

    private static IEnumerable<DecodeAnswer> Answers()
    {
        var transactions = VectorTransactions().ToList();
        Assert.True(transactions.Count >= 15, $"{transactions.Count} vector transactions");
        var block = Block.Load(File.ReadAllBytes(DataPath("counterparty", "block413567.raw")), Network.Main);
        transactions.AddRange(block.Transactions.Select(tx => ("block413567", Network.Main, tx)));
        foreach (var (_, network, tx) in transactions)
        {
            yield return TransactionDecoder.Decode(DecodeRequest.For(tx, network));
            yield return TransactionDecoder.Decode(DecodeRequest.For(tx, network) with { IncludeRaw = false });
        }
    }

    /// <summary>A Counterparty answer per counterparty-core unpack case, its fields made as the answer builder makes them
    /// (annotation-only ranges left out, a non-finite double as text): every value type a message decoder produces.</summary>
    private static IEnumerable<CounterpartyAnswer> CoreCaseAnswers()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DataPath("counterparty", "core-cases.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            // As CounterpartyCoreCaseTests: the cases predate mpma_taproot_support (v11.4.0).
            var rules = c.GetProperty("rules").GetString() == "mainnet" ? CounterpartyRules.Mainnet
                : CounterpartyRules.Regtest with { MpmaTaprootSupport = int.MaxValue };
            int? height = c.GetProperty("height").ValueKind == JsonValueKind.Number ? c.GetProperty("height").GetInt32() : null;
            var decoded = CounterpartyMessageDecoder.Decode(Convert.FromHexString(c.GetProperty("data").GetString()!), rules, height);
            var fields = new Dictionary<string, object?>();
            foreach (var field in decoded.Message?.Fields ?? [])
                if (!field.AnnotationOnly)
                    fields[field.Name] = field.Value is double d && !double.IsFinite(d) ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : field.Value;
            yield return new CounterpartyAnswer("opreturn", c.GetProperty("data").GetString(), decoded.Message?.TypeId, decoded.Message?.Type, fields,
                null, null, null, null, decoded.IsValid, decoded.ErrorMessage, RawView.Omitted);
        }
    }

    [Fact]
    public void Every_vector_answer_is_written_byte_for_byte_as_by_reflection()
    {
        var count = 0;
        foreach (var answer in Answers())
        {
            var expected = JsonSerializer.SerializeToUtf8Bytes(answer, Reflection);
            Assert.Equal(expected, JsonSerializer.SerializeToUtf8Bytes(answer, DecodeJson.Options));
            Assert.Equal(expected, JsonSerializer.SerializeToUtf8Bytes(answer, GeneratedOnly));
            // Each protocol's part on its own, as the indexer stores it (answer_json).
            object?[] parts = [answer.OpenAssets, answer.Colu, answer.Counterparty];
            foreach (var part in parts.Where(p => p is not null))
                Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(part, part!.GetType(), Reflection),
                    JsonSerializer.SerializeToUtf8Bytes(part, part.GetType(), GeneratedOnly));
            count++;
        }
        Assert.True(count > 3_000, $"{count} answers");
    }

    [Fact]
    public void Every_counterparty_core_case_is_written_byte_for_byte_as_by_reflection()
    {
        var cases = CoreCaseAnswers().ToList();
        Assert.True(cases.Count >= 100, $"{cases.Count} cases");
        Assert.Contains(cases, c => c.Fields.Values.Any(v => v is List<Dictionary<string, object?>>));
        Assert.Contains(cases, c => c.Fields.Values.Any(v => v is double));
        foreach (var answer in cases)
        {
            var expected = JsonSerializer.Serialize(answer, Reflection);
            Assert.Equal(expected, JsonSerializer.Serialize(answer, DecodeJson.Options));
            Assert.Equal(expected, JsonSerializer.Serialize(answer, GeneratedOnly));
            Assert.Equal(JsonSerializer.Serialize(answer.Fields, Reflection), JsonSerializer.Serialize(answer.Fields, GeneratedOnly));
        }
    }

    /// <summary>The outputs, payments and asset entries go through the fast-path context into the caller's writer: text
    /// that the relaxed encoder escapes differently from the default one (quotes, "+", "&lt;", non-ASCII, control
    /// characters) must come out as the reflection resolver writes it.</summary>
    [Fact]
    public void Element_strings_are_escaped_by_the_decode_contract_encoder()
    {
        const string odd = "a\"+<>&'\u00e9\u4e2d\u0001\ud83d\ude00";
        var asset = new ColuAnswerAsset(odd, ulong.MaxValue, odd, 8, null, odd);
        var colu = new ColuAnswer(1, 1, odd, 5, null, true, odd, [new ColuAnswerPayment(0, null, 1, true, false, true)], null, null,
            null, odd, true, null, [new ColuAnswerOutput(0, [asset, asset]), new ColuAnswerOutput(1, [])])
        { Burned = [asset], Destroyed = [asset], Raw = RawView.Omitted };
        var oa = new OpenAssetsAnswer(0, 1, [1, ulong.MaxValue], "00", odd, odd, true, null,
            [new OpenAssetsOutputAnswer(0, odd, odd, ulong.MaxValue), new OpenAssetsOutputAnswer(1, "uncolored", null, 0)], RawView.Empty)
        { Destroyed = [new OpenAssetsUnitsAnswer(odd, UInt128.MaxValue)] };
        var answer = new DecodeAnswer(odd, oa, colu, null);
        var expected = JsonSerializer.Serialize(answer, Reflection);
        Assert.Contains("\"+<>&'", expected, StringComparison.Ordinal);
        Assert.Equal(expected, JsonSerializer.Serialize(answer, DecodeJson.Options));
        Assert.Equal(expected, DecodeJson.Serialize(answer));
    }

    [Fact]
    public void A_field_type_the_context_lacks_falls_back_to_reflection_not_an_exception()
    {
        var answer = new CounterpartyAnswer(null, null, null, null, new Dictionary<string, object?> { ["odd"] = new DateOnly(2024, 2, 29) },
            null, null, null, null, false, null, RawView.Omitted);
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(answer, GeneratedOnly));
        Assert.Equal(JsonSerializer.Serialize(answer, Reflection), JsonSerializer.Serialize(answer, DecodeJson.Options));
        Assert.Contains("\"odd\":\"2024-02-29\"", JsonSerializer.Serialize(answer, DecodeJson.Options), StringComparison.Ordinal);
    }
}
