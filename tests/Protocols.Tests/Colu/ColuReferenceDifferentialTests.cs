using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Decoding;
using NBitcoin;
using Xunit.Abstractions;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// Differential test against Colu's own npm packages (cc-transaction@1.2.1, cc-get-assets-outputs@1.2.1,
/// cc-assetid-encoder@0.6.2), run by tests/colu-reference/driver.js with the machine's Node.js. Needs
/// scripts/setup-colu-reference.sh (COLU_REF_DIR overrides the install folder); fails, naming it, when absent.
/// Over 10,000 seeded cases: both sides encode the same logical transactions to the same bytes, each side decodes the
/// other's bytes identically, the same input assets and payments give the same output assets, random payloads decode
/// identically or differ only by a documented difference (<see cref="ColuDifferences"/>), and asset IDs agree.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki
/// </summary>
[Trait("Category", "Reference")]
public class ColuReferenceDifferentialTests(ITestOutputHelper output)
{
    private const int Seed = 20260404;
    private const int Transactions = 3000;
    private const int RandomPayloads = 3000;
    private const int AssetIds = 1500;

    private sealed record TxCase(ColuEncodeRequest Request, bool OursOk, ColuEncoded? Ours, DecodeRequest? Decode);

    [Fact(Timeout = 300_000)]
    public async Task Colu_reference_packages_agree_with_our_implementation()
    {
        await Task.Yield();
        var gen = new ColuCaseGenerator(Seed);
        var lines = new List<string>();
        var txCases = new Dictionary<long, TxCase>();
        var randomPayloads = new Dictionary<long, byte[]>();
        var assetIdCases = new Dictionary<long, string?>();
        long id = 0;

        for (var t = 0; t < Transactions; t++)
        {
            var inputCount = gen.Rng.Next(1, 5);
            var outputCount = gen.Rng.Next(1, 6);
            var request = gen.NextRequest(inputCount, outputCount);
            var ok = ColuPayloadEncoder.TryEncodeLikeReference(request, out var encoded, out _);
            var baseId = id;
            lines.Add(Line(new { id = id++, op = "encode", tx = ReferenceTx(request) }));
            DecodeRequest? decode = null;
            if (ok)
            {
                var hex = Convert.ToHexStringLower(encoded!.Payload);
                lines.Add(Line(new { id = id++, op = "decode", hex }));
                var tx = gen.NextTransaction(inputCount, outputCount, encoded.Payload, encoded.Leftover);
                var assets = gen.NextInputAssets(inputCount);
                var prevout0 = new TxOut(Money.Satoshis(1000), gen.RandomPrevoutScript());
                decode = new DecodeRequest(tx, [prevout0], [.. assets.Select(a => a.Select(ToInputAsset).ToImmutableArray())], null, Network.Main, DecodeRequest.DefaultXcpPrefix);
                lines.Add(Line(new
                {
                    id = id++, op = "colorize", hex, txid = tx.GetHash().ToString(), voutCount = tx.Outputs.Count,
                    vin = tx.Inputs.Select((input, i) => new
                    {
                        txid = input.PrevOut.Hash.ToString(), vout = input.PrevOut.N,
                        previousOutput = i == 0 ? new { hex = Convert.ToHexStringLower(prevout0.ScriptPubKey.ToBytes()) } : null,
                        assets = assets[i].Select(ReferenceAsset),
                    }),
                }));
            }
            txCases[baseId] = new TxCase(request, ok, encoded, decode);
        }
        var valid = txCases.Values.Where(c => c.OursOk).Select(c => c.Ours!.Payload).ToArray();
        for (var r = 0; r < RandomPayloads; r++)
        {
            // Half fully random, half one random change to a valid payload.
            var payload = r % 2 == 0 ? gen.NextRandomPayload() : gen.Mutate(valid[gen.Rng.Next(valid.Length)]);
            randomPayloads[id] = payload;
            lines.Add(Line(new { id = id++, op = "decode", hex = Convert.ToHexStringLower(payload) }));
        }
        for (var a = 0; a < AssetIds; a++)
        {
            var (line, ours) = AssetIdCase(gen, id);
            assetIdCases[id++] = ours;
            lines.Add(line);
        }

        var answers = ColuReferenceDriver.Run(lines);
        Assert.True(lines.Count >= 10_000, $"only {lines.Count} cases");

        var failures = new List<string>();
        var excluded = new Dictionary<string, int>();
        var compared = 0;
        var stats = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string key) => stats[key] = stats.GetValueOrDefault(key) + 1;
        foreach (var (baseId, c) in txCases)
        {
            var encode = answers[baseId];
            var refOk = encode.GetProperty("ok").GetBoolean();
            compared++;
            if (refOk != c.OursOk) { failures.Add($"encode #{baseId}: reference ok={refOk} ours ok={c.OursOk} {encode}"); continue; }
            Count(refOk ? "encode ok (both)" : "encode refused (both)");
            if (!refOk) continue;
            // Same bytes and the same leftover hashes for the multisig output.
            var refHex = encode.GetProperty("hex").GetString()!;
            var ourHex = Convert.ToHexStringLower(c.Ours!.Payload);
            if (refHex != ourHex) { failures.Add($"encode #{baseId}: reference {refHex} ours {ourHex}"); continue; }
            var refLeftover = string.Join(",", encode.GetProperty("leftover").EnumerateArray().Select(e => e.GetString()));
            if (refLeftover != string.Join(",", c.Ours.Leftover.Select(Convert.ToHexStringLower))) failures.Add($"leftover #{baseId}: {refLeftover}");

            // The reference's bytes decoded by us, and our bytes decoded by the reference.
            var ours = ColuPayloadDecoder.Decode(Convert.FromHexString(refHex));
            var refDecode = answers[baseId + 1];
            compared++;
            if (!ours.IsSuccess)
            {
                var why = ColuDifferences.Explain(Convert.FromHexString(refHex), ours);
                if (why is null) failures.Add($"decode #{baseId + 1} {refHex}: ours failed {ours.ErrorMessage}, no documented difference");
                else excluded[why] = excluded.GetValueOrDefault(why) + 2;
                continue;
            }
            CompareDecode(baseId + 1, refHex, ours.Value, refDecode, failures);

            // Same input assets and payments: same output assets and overflow flag.
            var colorize = answers[baseId + 2];
            compared++;
            var answer = ColuAnswerBuilder.Build(c.Decode!);
            if (!colorize.GetProperty("ok").GetBoolean()) { failures.Add($"colorize #{baseId + 2}: reference failed {colorize}"); continue; }
            var refOutputs = ColuCanonical.Outputs(colorize.GetProperty("outputs"));
            var ourOutputs = ColuCanonical.Outputs(answer!.Outputs.Select(o => o.Assets.AsEnumerable()));
            Count(answer.Overflow ? "colorize overflow: " + OverflowKind(answer.Error) : "colorize paid");
            if (refOutputs != ourOutputs || colorize.GetProperty("overflow").GetBoolean() != answer.Overflow)
                failures.Add($"colorize #{baseId + 2} {refHex}\n  reference {refOutputs} overflow={colorize.GetProperty("overflow")}\n  ours      {ourOutputs} overflow={answer.Overflow}");
            // The hashes that spilled into the multisig output are read back from it.
            if (c.Request.Sha2 is { } sha2 && answer.Sha2 != Convert.ToHexStringLower(sha2)) failures.Add($"sha2 #{baseId + 2}: {answer.Sha2}");
            if (c.Request.TorrentHash is { } th && answer.TorrentHash != Convert.ToHexStringLower(th)) failures.Add($"torrentHash #{baseId + 2}: {answer.TorrentHash}");
        }
        foreach (var (caseId, payload) in randomPayloads)
        {
            compared++;
            var refAnswer = answers[caseId];
            var ours = ColuPayloadDecoder.Decode(payload);
            var hex = Convert.ToHexStringLower(payload);
            if (ours.IsSuccess) { Count("random payload decoded (both)"); CompareDecode(caseId, hex, ours.Value, refAnswer, failures); continue; }
            if (ours.Error == Common.DecodeError.UnknownOpcode)
            {
                // Not a difference: the reference throws on these opcodes too.
                Count("random payload unknown opcode (both refuse)");
                if (refAnswer.GetProperty("ok").GetBoolean()) failures.Add($"random #{caseId} {hex}: reference decoded an opcode we reject");
                continue;
            }
            var why = ColuDifferences.Explain(payload, ours);
            if (why is null) failures.Add($"random #{caseId} {hex}: ours failed {ours.ErrorMessage}, no documented difference; reference {refAnswer}");
            else excluded[why] = excluded.GetValueOrDefault(why) + 1;
        }
        foreach (var (caseId, ourId) in assetIdCases)
        {
            compared++;
            var refAnswer = answers[caseId];
            var refId = refAnswer.GetProperty("ok").GetBoolean() && refAnswer.GetProperty("assetId").ValueKind == JsonValueKind.String
                ? refAnswer.GetProperty("assetId").GetString() : null;
            Count(refId is null ? "asset id none (both)" : "asset id (both)");
            if (refId != ourId) failures.Add($"assetid #{caseId}: reference {refAnswer} ours {ourId}");
        }

        output.WriteLine($"{lines.Count} reference cases, {compared} comparisons, {failures.Count} failures");
        foreach (var (key, n) in stats.OrderBy(e => e.Key, StringComparer.Ordinal)) output.WriteLine($"{key}: {n}");
        foreach (var (why, n) in excluded.OrderBy(e => e.Key, StringComparer.Ordinal)) output.WriteLine($"excluded by {why}: {n}");
        Assert.True(failures.Count == 0, $"{failures.Count} disagreements:\n" + string.Join("\n", failures.Take(15)));
    }

    private static string OverflowKind(string? error) =>
        error is null ? "?" : error.Contains("range or percent", StringComparison.Ordinal) ? "range/percent"
        : error.Contains("spends input", StringComparison.Ordinal) ? "input out of range"
        : error.Contains("pays output", StringComparison.Ordinal) ? "output out of range"
        : error.Contains("no asset left", StringComparison.Ordinal) ? "no asset left"
        : error.Contains("different or non-aggregatable", StringComparison.Ordinal) ? "continuation into another asset" : "other";

    private static void CompareDecode(long caseId, string hex, ColuPayload ours, JsonElement reference, List<string> failures)
    {
        if (!reference.GetProperty("ok").GetBoolean()) { failures.Add($"decode #{caseId} {hex}: reference failed {reference}"); return; }
        var a = ColuCanonical.Payload(ours);
        var b = ColuCanonical.Payload(reference.GetProperty("tx"));
        if (a != b) failures.Add($"decode #{caseId} {hex}\n  reference {b}\n  ours      {a}");
    }

    private static (string Line, string? Ours) AssetIdCase(ColuCaseGenerator gen, long id)
    {
        var rng = gen.Rng;
        var locked = rng.NextDouble() < 0.3;
        var policy = (ColuAggregationPolicy)rng.Next(0, 3);
        var divisibility = rng.Next(0, 8);
        var txid = Convert.ToHexStringLower(gen.Bytes(32));
        var vout = (uint)rng.Next(0, 1000);
        var roll = rng.NextDouble();
        byte[]? prevout = roll < 0.4 ? gen.RandomPrevoutScript().ToBytes() : null;
        byte[]? scriptSig = roll is >= 0.4 and < 0.85 ? gen.RandomScriptSig() : null;
        string? address = roll >= 0.85 ? RandomAddress(gen) : null;
        string? ours = locked ? ColuAssetId.FromOutpoint(txid, vout, policy, divisibility)
            : prevout is { Length: > 0 } ? ColuAssetId.FromPreviousScript(prevout, policy, divisibility)
            : (scriptSig is { Length: > 0 } ? ColuAssetId.FromScriptSig(scriptSig, policy, divisibility) : null)
              ?? (address is null ? null : ColuAssetId.FromAddress(address, policy, divisibility));
        var line = Line(new
        {
            id, op = "assetid",
            ccdata = new { type = "issuance", lockStatus = locked, aggregationPolicy = policy.ToName(), divisibility },
            vin = new[]
            {
                new
                {
                    txid, vout,
                    previousOutput = prevout is null ? null : new { hex = Convert.ToHexStringLower(prevout) },
                    scriptSig = scriptSig is null ? null : new { hex = Convert.ToHexStringLower(scriptSig) },
                    address,
                },
            },
        });
        return (line, ours);
    }

    private static string RandomAddress(ColuCaseGenerator gen)
    {
        var network = gen.Rng.NextDouble() < 0.5 ? Network.Main : Network.TestNet;
        return gen.Rng.NextDouble() < 0.5
            ? new KeyId(gen.Bytes(20)).GetAddress(network).ToString()
            : new ScriptId(gen.Bytes(20)).GetAddress(network).ToString();
    }

    private static InputAsset ToInputAsset(ColuAsset a) =>
        new("colu", a.AssetId!, a.Amount, a.IssueTxid, a.Divisibility, a.LockStatus, a.AggregationPolicy?.ToName());

    private static object ReferenceAsset(ColuAsset a) => new
    {
        assetId = a.AssetId, amount = a.Amount, issueTxid = a.IssueTxid, divisibility = a.Divisibility,
        lockStatus = a.LockStatus, aggregationPolicy = a.AggregationPolicy?.ToName(),
    };

    private static object ReferenceTx(ColuEncodeRequest r) => new
    {
        type = r.Kind.ToString().ToLowerInvariant(), version = (int)r.Version, noRules = r.NoRules,
        torrentHash = r.TorrentHash is null ? null : Convert.ToHexStringLower(r.TorrentHash),
        sha2 = r.Sha2 is null ? null : Convert.ToHexStringLower(r.Sha2),
        amount = r.Amount, divisibility = r.Divisibility, lockStatus = r.LockStatus, aggregationPolicy = r.AggregationPolicy.ToName(),
        payments = r.Payments.Select(p => p.Burn
            ? (object)new { input = p.Input, amount = p.Amount, percent = p.Percent, burn = true }
            : new { input = p.Input, amount = p.Amount, output = p.Output, range = p.Range, percent = p.Percent }),
    };

    private static string Line(object value) => JsonSerializer.Serialize(value);
}
