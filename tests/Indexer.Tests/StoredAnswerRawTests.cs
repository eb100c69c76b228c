using System.Text.Json.Nodes;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Indexer.Tests.Support;
using Explorer.Protocols.Decoding;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The indexer stores answers without raw views and the decode request's context instead (issue 9; sql/006). Over the
/// whole forged demo chain (Open Assets, Colu and Counterparty, issuances and transfers with colored inputs), every
/// stored answer with its raw views restored from that context is, byte for byte, the answer a pass decoding with raw
/// views stores; and the raw-less answer is that answer without its "raw" key.
/// </summary>
public sealed class StoredAnswerRawTests(ForgedChains chains) : IClassFixture<ForgedChains>
{
    [Fact]
    public void Raw_views_restored_from_the_request_context_equal_those_decoded_in_the_pass()
    {
        var network = ChainNetwork.Resolve("regtest");
        var lean = Pass(network, includeRaw: false);
        var full = Pass(network, includeRaw: true).ToDictionary(r => (r.Txid, r.Protocol));

        Assert.Equal(full.Count, lean.Count);
        Assert.Contains(lean, r => r.Protocol == BlockColorer.OpenAssets);
        Assert.Contains(lean, r => r.Protocol == BlockColorer.Colu);
        Assert.Contains(lean, r => r.Protocol == BlockColorer.Counterparty);
        foreach (var row in lean)
        {
            var reference = full[(row.Txid, row.Protocol)];
            Assert.Empty(reference.RequestJson);
            if (row.AnswerJson == "null")
            {
                // Units destroyed by a transaction without this protocol's data: no answer to restore.
                Assert.Equal("null", reference.AnswerJson);
                continue;
            }
            var stored = (JsonObject)JsonNode.Parse(row.AnswerJson)!;
            Assert.False(stored.ContainsKey("raw"), $"{row.Txid} {row.Protocol} stored its raw views");
            Assert.NotEmpty(row.RequestJson);
            var restored = DecodeRequestContext.RestoreRaw(row.Protocol, stored, row.RequestJson, row.RawHex);
            Assert.Equal(reference.AnswerJson, restored.ToJsonString(DecodeJson.Options));
            var withoutRaw = (JsonObject)JsonNode.Parse(reference.AnswerJson)!;
            withoutRaw.Remove("raw");
            Assert.Equal(withoutRaw.ToJsonString(DecodeJson.Options), row.AnswerJson);
        }
    }

    [Fact]
    public void A_context_that_does_not_decode_leaves_the_stored_answer_as_it_is()
    {
        var stored = new JsonObject { ["valid"] = true };
        Assert.Same(stored, DecodeRequestContext.RestoreRaw("colu", stored, "{not json", "00"));
        Assert.Same(stored, DecodeRequestContext.RestoreRaw("colu", stored, """{"prevouts":"x"}""", "00"));
        Assert.Same(stored, DecodeRequestContext.RestoreRaw("colu", stored, "{}", "zz"));
        Assert.Same(stored, DecodeRequestContext.RestoreRaw("colu", stored, string.Empty, "00"));
    }

    private List<ColoredTransactionRow> Pass(ChainNetwork network, bool includeRaw)
    {
        var state = new ColoredUtxoSet();
        var colorer = new BlockColorer(state, network.Network, DecodeRequest.DefaultXcpPrefix, new VersionClock(), network.Name, includeRaw: includeRaw);
        var rows = new List<ColoredTransactionRow>();
        using var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, network.Magic);
        foreach (var block in source.Read(0, CancellationToken.None))
            rows.AddRange(colorer.Apply(BlockParser.Parse(block, network.Network, DecodeRequest.DefaultXcpPrefix, network.Name, verifyMerkleRoot: true)).Transactions);
        return rows;
    }
}
