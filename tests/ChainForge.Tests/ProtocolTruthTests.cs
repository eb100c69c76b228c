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
public class ProtocolTruthTests : IDisposable
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
        ScenarioRunner.Run(ScenarioSettings.Preset("demo") with { Seed = 7, Blocks = 200, ColoredPerBlock = 3 }, _dir);
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
            foreach (var e in block.GetProperty("protocolEvents").EnumerateArray())
            {
                var txid = uint256.Parse(e.GetProperty("txid").GetString());
                var tx = txs[txid];
                var kind = e.GetProperty("protocol").GetString() + "/" + e.GetProperty("kind").GetString();
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
                var variant = e.TryGetProperty("carrier", out var c) ? c.GetString() : e.TryGetProperty("multisig", out var m) ? m.GetString() : null;
                if (variant is not null)
                {
                    counts[variant] = counts.GetValueOrDefault(variant) + 1;
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

        foreach (var kind in new[] { "colu/issuance", "colu/transfer", "colu/burn", "counterparty/send", "counterparty/enhanced_send", "counterparty/issuance", "counterparty/broadcast",
            "opreturn", "multisig", "1-of-2", "1-of-3" })
        {
            Assert.True(counts.GetValueOrDefault(kind) >= 2, $"too few {kind}: {counts.GetValueOrDefault(kind)}");
        }
    }

    private static void CheckColu(JsonElement e, DecodeAnswer answer, Dictionary<string, (int, bool, string)> issues,
        Dictionary<OutPoint, InputAsset> coloredBy, uint256 txid)
    {
        var colu = answer.Colu;
        Assert.NotNull(colu);
        Assert.True(colu!.Valid, colu.Error);
        Assert.False(colu.Overflow);
        Assert.Equal(e.GetProperty("kind").GetString(), colu.Kind);
        var assetId = e.GetProperty("assetId").GetString()!;
        if (colu.Kind == "issuance")
        {
            Assert.Equal(assetId, colu.AssetId);
            Assert.Equal(e.GetProperty("amount").GetUInt64(), colu.Amount);
            Assert.Equal(e.GetProperty("divisibility").GetInt32(), colu.Divisibility);
            Assert.Equal(e.GetProperty("lockStatus").GetBoolean(), colu.LockStatus);
            Assert.Equal(e.GetProperty("torrentHash").GetString(), colu.TorrentHash);
            Assert.Equal(e.GetProperty("sha2").GetString(), colu.Sha2);
            Assert.Equal(e.GetProperty("multisig").ValueKind != JsonValueKind.Null, colu.MultisigOutput is not null);
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

    private static void CheckCounterparty(JsonElement e, DecodeAnswer answer)
    {
        var xcp = answer.Counterparty;
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
            Assert.Equal(field.Value.GetRawText(), JsonSerializer.Serialize(actual));
        }
    }
}
