using System.Collections.Immutable;
using System.Text.Json;
using Explorer.BlockFiles;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.ChainForge.Tests;

/// <summary>
/// The Colu and Counterparty ground truth (what the scenario meant: amounts per output per asset, message fields)
/// against the project's decoders run on the forged blocks (<see cref="TransactionDecoder"/>): the encoders that built
/// the chain and the decoders that read it are checked against each other through the scenario's intent.
/// Specs: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki,
/// https://github.com/CounterpartyXCP/counterparty-core (lib/messages).
/// </summary>
[Trait("Category", "Unit")]
public class ProtocolTruthTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "forge-proto-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public void ColuAndCounterpartyTruth_AgreesWithTransactionDecoder()
    {
        ScenarioRunner.Run(ScenarioSettings.Preset("demo") with { Seed = 7, Blocks = 300, ColoredPerBlock = 3 }, _dir);
        var txs = new Dictionary<uint256, Transaction>();
        using (var reader = BlocksFolderReader.Open(Path.Combine(_dir, "blocks"), NetworkMagic.RegTest))
        {
            foreach (var cb in reader.ReadActiveChain())
            {
                foreach (var tx in Block.Load(cb.Block, Network.RegTest).Transactions)
                {
                    txs[tx.GetHash()] = tx;
                }
            }
        }

        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "truth.json")));
        var coloredBy = new Dictionary<OutPoint, InputAsset>();
        var issues = new Dictionary<string, (int Divisibility, bool Locked, string Txid)>();
        var counts = new Dictionary<string, int>();
        foreach (var block in truth.RootElement.GetProperty("blocks").EnumerateArray())
        {
            var height = block.GetProperty("height").GetInt32();
            foreach (var e in block.GetProperty("protocolEvents").EnumerateArray().Where(e => !e.TryGetProperty("rules", out _)))
            {
                var txid = uint256.Parse(e.GetProperty("txid").GetString());
                var tx = txs[txid];
                var kind = e.GetProperty("protocol").GetString() + "/" + e.GetProperty("kind").GetString();
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
                var variant = e.TryGetProperty("carrier", out var c) ? c.GetString() : e.TryGetProperty("multisig", out var m) ? m.GetString() : null;
                foreach (var tag in new[] { variant, Tag(e, "opcode", "colu/0x{0:x2}"), Tag(e, "overflowCase", "overflow/{0}"),
                    e.TryGetProperty("continuation", out var cont) && cont.GetBoolean() ? "continuation" : null,
                    e.TryGetProperty("inputs", out var ins) && ins.GetArrayLength() > 2 ? "two-colored-inputs" : null })
                {
                    if (tag is not null)
                    {
                        counts[tag] = counts.GetValueOrDefault(tag) + 1;
                    }
                }

                var request = new DecodeRequest(tx, [.. tx.Inputs.Select(i => txs[i.PrevOut.Hash].Outputs[(int)i.PrevOut.N])],
                    [.. tx.Inputs.Select(i => coloredBy.TryGetValue(i.PrevOut, out var a) ? ImmutableArray.Create(a) : [])],
                    height, Network.RegTest, DecodeRequest.DefaultXcpPrefix);
                var answer = TransactionDecoder.Decode(request);
                Assert.Null(answer.Error);
                if (e.GetProperty("protocol").GetString() == "colu")
                {
                    CheckColu(e, answer, issues, coloredBy, txid);
                }
                else
                {
                    CheckCounterparty(e, answer);
                }
            }
        }

        output.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")));
        foreach (var kind in new[] { "colu/issuance", "colu/transfer", "colu/burn", "colu/destroyed", "counterparty/send", "counterparty/enhanced_send", "counterparty/issuance", "counterparty/broadcast",
            "counterparty/order", "counterparty/cancel", "counterparty/dividend", "counterparty/destroy", "counterparty/sweep", "counterparty/dispenser",
            "counterparty/fairminter", "counterparty/fairmint", "counterparty/attach", "counterparty/detach", "counterparty/mpma",
            "opreturn", "multisig", "1-of-2", "1-of-3", "overflow/more-than-held", "overflow/range", "overflow/percent", "overflow/missing-output",
            "continuation", "two-colored-inputs" })
        {
            Assert.True(counts.GetValueOrDefault(kind) >= 1, $"too few {kind}: {counts.GetValueOrDefault(kind)}");
        }

        // Every Colu opcode a reference encoder writes (0x03, both hashes spilled from an issuance, needs 17 payments: once is enough).
        var opcodes = Enumerable.Range(1, 6).Concat(Enumerable.Range(0x10, 6)).Concat(Enumerable.Range(0x20, 6)).Select(o => $"colu/0x{o:x2}");
        Assert.All(opcodes, o => Assert.True(counts.GetValueOrDefault(o) >= 1, $"no Colu opcode {o}"));
    }

    [Fact]
    public void P2shCarrierTruth_HoldsUnderP2shRules_NotUnderRegtestRules()
    {
        // --xcp-p2sh: commit/reveal P2SH data carriers, which regtest rules (p2sh_disabled in force) do not read.
        ScenarioRunner.Run(ScenarioSettings.Preset("demo") with { Seed = 11, Blocks = 180, ColoredPerBlock = 3, CounterpartyP2sh = true }, _dir);
        var txs = new Dictionary<uint256, Transaction>();
        using (var reader = BlocksFolderReader.Open(Path.Combine(_dir, "blocks"), NetworkMagic.RegTest))
        {
            ChainValidator.ValidateActiveChain(reader);
            foreach (var cb in reader.ReadActiveChain())
            {
                foreach (var tx in Block.Load(cb.Block, Network.RegTest).Transactions)
                {
                    txs[tx.GetHash()] = tx;
                }
            }
        }

        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "truth.json")));
        var p2shRules = Explorer.Protocols.Counterparty.CounterpartyRules.Regtest with { P2shDisabled = int.MaxValue };
        var checkedEvents = 0;
        foreach (var block in truth.RootElement.GetProperty("blocks").EnumerateArray())
        {
            var height = block.GetProperty("height").GetInt32();
            foreach (var e in block.GetProperty("protocolEvents").EnumerateArray().Where(e => e.TryGetProperty("rules", out _)))
            {
                Assert.Equal("p2sh_encoding", e.GetProperty("rules").GetString());
                var tx = txs[uint256.Parse(e.GetProperty("txid").GetString())];
                var request = new DecodeRequest(tx, [.. tx.Inputs.Select(i => txs[i.PrevOut.Hash].Outputs[(int)i.PrevOut.N])], [],
                    height, Network.RegTest, DecodeRequest.DefaultXcpPrefix);
                var answer = Explorer.Protocols.Counterparty.CounterpartyAnswerBuilder.Build(request, p2shRules);
                Assert.NotNull(answer);
                Assert.Equal("p2sh", answer!.Carrier);
                CheckCounterparty(e, answer);
                // Under the regtest rules the reveal's OP_RETURN is read as it is: 4 bytes "P2SH", not the broadcast.
                var regtest = TransactionDecoder.Decode(request).Counterparty;
                Assert.True(regtest is null || (regtest.Carrier != "p2sh" && regtest.MessageType != "broadcast"), $"{e.GetProperty("txid")} read as P2SH under regtest rules");
                checkedEvents++;
            }
        }

        Assert.True(checkedEvents >= 5, $"only {checkedEvents} P2SH events");
    }

    private static string? Tag(JsonElement e, string property, string format) =>
        e.TryGetProperty(property, out var v) && v.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, format, v.ValueKind == JsonValueKind.Number ? v.GetInt32() : v.GetString())
            : null;

    private static void CheckColu(JsonElement e, DecodeAnswer answer, Dictionary<string, (int, bool, string)> issues,
        Dictionary<OutPoint, InputAsset> coloredBy, uint256 txid)
    {
        var colu = answer.Colu;
        if (e.GetProperty("kind").GetString() == "destroyed")
        {
            // No CC payload: the decoder has no Colu answer, the input units are gone (docs/colu.md).
            Assert.Null(colu);
            return;
        }

        Assert.NotNull(colu);
        var overflow = e.TryGetProperty("overflow", out var o) && o.GetBoolean();
        Assert.Equal(overflow, colu!.Overflow);
        Assert.True(colu.Valid == !overflow, colu.Error);
        Assert.Equal(e.GetProperty("opcode").GetInt32(), colu.Opcode);
        Assert.Equal(e.GetProperty("kind").GetString(), colu.Kind);
        if (e.TryGetProperty("payments", out var payments))
        {
            Assert.Equal(payments.GetArrayLength(), colu.Payments.Length);
        }

        if (e.TryGetProperty("torrentHash", out var torrent))
        {
            Assert.Equal(torrent.GetString(), colu.TorrentHash);
            Assert.Equal(e.GetProperty("sha2").GetString(), colu.Sha2);
            Assert.Equal(e.GetProperty("multisig").ValueKind != JsonValueKind.Null, colu.MultisigOutput is not null);
        }
        var assetId = e.GetProperty("assetId").GetString()!;
        if (colu.Kind == "issuance")
        {
            Assert.Equal(assetId, colu.AssetId);
            Assert.Equal(e.GetProperty("amount").GetUInt64(), colu.Amount);
            Assert.Equal(e.GetProperty("divisibility").GetInt32(), colu.Divisibility);
            Assert.Equal(e.GetProperty("lockStatus").GetBoolean(), colu.LockStatus);
            issues[assetId] = (colu.Divisibility!.Value, colu.LockStatus!.Value, txid.ToString());
        }

        var expected = e.GetProperty("outputs").EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value[1].GetUInt64());
        foreach (var output in colu.Outputs)
        {
            var amount = output.Assets.Where(a => a.AssetId == assetId).Aggregate(0UL, (s, a) => s + a.Amount);
            Assert.Equal(expected.GetValueOrDefault(output.Index), amount);
            Assert.All(output.Assets, a => Assert.Equal(assetId, a.AssetId));
        }

        Assert.Equal(e.TryGetProperty("burned", out var burned) ? burned.GetUInt64() : 0UL, colu.Burned.Aggregate(0UL, (s, a) => s + a.Amount));
        var (divisibility, locked, issueTxid) = issues[assetId];
        foreach (var (index, amount) in expected)
        {
            coloredBy[new OutPoint(txid, index)] = new InputAsset("colu", assetId, amount, issueTxid, divisibility, locked, "aggregatable");
        }
    }

    private static void CheckCounterparty(JsonElement e, DecodeAnswer answer) => CheckCounterparty(e, answer.Counterparty);

    private static void CheckCounterparty(JsonElement e, Explorer.Protocols.Counterparty.CounterpartyAnswer? xcp)
    {
        Assert.NotNull(xcp);
        Assert.True(xcp!.Valid, xcp.Error);
        Assert.Equal(e.GetProperty("carrier").GetString(), xcp.Carrier);
        Assert.Equal(e.GetProperty("kind").GetString(), xcp.MessageType);
        Assert.Equal(e.GetProperty("source").GetString(), xcp.Source);
        if (e.TryGetProperty("destination", out var destination))
        {
            Assert.Equal(destination.GetString(), xcp.Destination);
        }

        foreach (var field in e.GetProperty("fields").EnumerateObject())
        {
            Assert.True(xcp.Fields.TryGetValue(field.Name, out var actual), $"{e.GetProperty("txid")}: no field {field.Name}");
            // Compact JSON on both sides (the truth file is indented; MPMA "sends" is an array of objects).
            Assert.Equal(JsonSerializer.Serialize(field.Value), JsonSerializer.Serialize(actual));
        }
    }
}
