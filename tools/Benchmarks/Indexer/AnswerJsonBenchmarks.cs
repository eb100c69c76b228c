using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Explorer.Indexer.Pipeline;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Benchmarks.Indexer;

/// <summary>
/// The indexer's JSON work per decoded carrier (issue 9), before and after the source-generated context
/// (<see cref="DecodeJsonContext"/>), on the same answers: the lean answers (no raw views, as the indexer stores them)
/// of every colored transaction of the Bitcoin Core regtest chain in tests/Protocols.Tests/data (Open Assets
/// regtest-chain.json, Colu regtest-colu.json, Counterparty core-regtest.json) and the 3 Counterparty transactions of
/// mainnet block 413567. Categories:
/// <list type="bullet">
/// <item>Serialize: each protocol's answer to a string, reflection resolver (baseline) against the generated one.</item>
/// <item>AnswerLineWithRaw: the same transactions' whole answer lines with raw views (decode CLI, web API), both ways.</item>
/// <item>StoredForms: what the parallel stage makes per answer: before (reflection strings, Counterparty through
/// SerializeToNode + ToJsonString) against <see cref="AnswerJson.Of"/> (UTF-8 bytes and the fields' JSON).</item>
/// <item>RequestContext: the request context of each, the writer before (kept below) against
/// <see cref="DecodeRequestContext.WriteUtf8"/>.</item>
/// </list>
/// Run: dotnet run -c Release --project tools/Benchmarks -- --filter *AnswerJson* --job short
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AnswerJsonBenchmarks
{
    private static readonly JsonSerializerOptions Reflection = DecodeJson.CreateOptions(new DefaultJsonTypeInfoResolver());
    private DecodeAnswer[] _answers = [];
    private DecodeAnswer[] _withRaw = [];
    private DecodeRequest[] _requests = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.GetDirectoryName(Path.GetDirectoryName(Block413567.Path()))!;
        var txs = new List<(Transaction Tx, Network Network, int? Height)>();
        foreach (var file in new[] { "openassets/regtest-chain.json", "colu/regtest-colu.json", "counterparty/core-regtest.json" })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, file)));
            foreach (var t in doc.RootElement.GetProperty("transactions").EnumerateArray())
                txs.Add((Transaction.Parse(t.GetProperty("hex").GetString()!, Network.RegTest), Network.RegTest,
                    t.TryGetProperty("height", out var h) && h.ValueKind == JsonValueKind.Number ? h.GetInt32() : null));
        }
        foreach (var tx in Block.Load(File.ReadAllBytes(Block413567.Path()), Network.Main).Transactions)
            txs.Add((tx, Network.Main, 413567));
        // Every input spends a P2PKH output, as most do: the context then carries one script per input.
        var p2pkh = new Key(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()).PubKey.Hash.ScriptPubKey;
        var requests = txs.Select(t => new DecodeRequest(t.Tx, [.. t.Tx.Inputs.Select(_ => (TxOut?)new TxOut(Money.Satoshis(10_000), p2pkh))],
            [], t.Height, t.Network, DecodeRequest.DefaultXcpPrefix) { IncludeRaw = false });
        var decoded = requests.Select(r => (Request: r, Answer: TransactionDecoder.Decode(r)))
            .Where(d => d.Answer.OpenAssets is not null || d.Answer.Colu is not null || d.Answer.Counterparty is not null).ToArray();
        _answers = [.. decoded.Select(d => d.Answer)];
        _requests = [.. decoded.Select(d => d.Request)];
        _withRaw = [.. _requests.Select(r => TransactionDecoder.Decode(r with { IncludeRaw = true }))];
        if (_answers.Length < 10 || !_answers.Any(a => a.OpenAssets is not null) || !_answers.Any(a => a.Colu is not null)
            || !_answers.Any(a => a.Counterparty is not null))
            throw new InvalidOperationException($"{_answers.Length} answers: every protocol must be there");
        // Same bytes both ways, or the comparison means nothing.
        if (StoredFormsBefore() != StoredFormsAfter() || RequestContextBefore() != RequestContextAfter())
            throw new InvalidOperationException("the two forms differ");
        Console.WriteLine($"// {_answers.Length} answers: {_answers.Count(a => a.OpenAssets is not null)} Open Assets, " +
            $"{_answers.Count(a => a.Colu is not null)} Colu, {_answers.Count(a => a.Counterparty is not null)} Counterparty");
    }

    private static long Serialize(DecodeAnswer a, JsonSerializerOptions options) =>
        (a.OpenAssets is null ? 0 : JsonSerializer.Serialize(a.OpenAssets, options).Length)
        + (a.Colu is null ? 0 : JsonSerializer.Serialize(a.Colu, options).Length)
        + (a.Counterparty is null ? 0 : JsonSerializer.Serialize(a.Counterparty, options).Length);

    [Benchmark(Baseline = true), BenchmarkCategory("Serialize")]
    public long SerializeReflection() => _answers.Sum(a => Serialize(a, Reflection));

    [Benchmark, BenchmarkCategory("Serialize")]
    public long SerializeGenerated() => _answers.Sum(a => Serialize(a, DecodeJson.Options));

    /// <summary>Whole answer lines with raw views, as the decode CLI and the web API write them (DecodeJson.Serialize).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("AnswerLineWithRaw")]
    public long AnswerLineReflection() => _withRaw.Sum(a => (long)JsonSerializer.Serialize(a, Reflection).Length);

    [Benchmark, BenchmarkCategory("AnswerLineWithRaw")]
    public long AnswerLineGenerated() => _withRaw.Sum(a => (long)DecodeJson.Serialize(a).Length);

    /// <summary>The parallel stage's forms before: strings from reflection, Counterparty as a JsonObject and its text.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("StoredForms")]
    public long StoredFormsBefore()
    {
        long n = 0;
        foreach (var a in _answers)
        {
            n += a.OpenAssets is null ? 0 : Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(a.OpenAssets, Reflection));
            n += a.Colu is null ? 0 : Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(a.Colu, Reflection));
            if (a.Counterparty is null) continue;
            var xcp = JsonSerializer.SerializeToNode(a.Counterparty, Reflection)!.AsObject();
            n += Encoding.UTF8.GetByteCount(xcp.ToJsonString(Reflection)) + xcp["fields"]!.ToJsonString(Reflection).Length;
        }
        return n;
    }

    [Benchmark, BenchmarkCategory("StoredForms")]
    public long StoredFormsAfter()
    {
        long n = 0;
        foreach (var a in _answers)
        {
            var json = AnswerJson.Of(a);
            n += (json.OpenAssets?.Length ?? 0) + (json.Colu?.Length ?? 0) + (json.Counterparty?.Length ?? 0) + (json.CounterpartyFields?.Length ?? 0);
        }
        return n;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("RequestContext")]
    public long RequestContextBefore() => _requests.Sum(r => (long)Encoding.UTF8.GetByteCount(ContextBefore(r)));

    [Benchmark, BenchmarkCategory("RequestContext")]
    public long RequestContextAfter() => _requests.Sum(r => (long)DecodeRequestContext.WriteUtf8(r).Length);

    /// <summary>DecodeRequestContext.Write as it was (a buffer and writer per call, a hex string per script, then text).</summary>
    private static string ContextBefore(DecodeRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("prevouts");
            foreach (var prevout in request.Prevouts.IsDefault ? ImmutableArray<TxOut?>.Empty : request.Prevouts)
            {
                if (prevout is null)
                {
                    json.WriteNullValue();
                    continue;
                }
                json.WriteStartObject();
                json.WriteString("script", Convert.ToHexStringLower(prevout.ScriptPubKey.ToBytes(true)));
                json.WriteNumber("value", prevout.Value.Satoshi);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (request.Height is { } height) json.WriteNumber("height", height);
            json.WriteString("network", DecodeRequestContext.NetworkName(request.Network));
            if (request.Chain is { } chain) json.WriteString("chain", chain);
            json.WriteString("xcpPrefix", request.XcpPrefix);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
