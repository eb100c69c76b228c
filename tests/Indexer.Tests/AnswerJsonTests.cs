using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Indexer.Tests.Support;
using Explorer.Protocols.Decoding;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The stored JSON (<c>answer_json</c>, <c>request_json</c>) made in the parallel stage as UTF-8 from the source-generated
/// context (issue 9) is, byte for byte, what the indexer stored before: each protocol's answer serialized with the
/// reflection resolver to a string, Counterparty's and its fields through a JSON object, the request context as its text. Over every
/// carrier of the forged demo chain (Open Assets, Colu, Counterparty), and through RowBinary.
/// </summary>
public sealed class AnswerJsonTests(ForgedChains chains) : IClassFixture<ForgedChains>
{
    private static readonly JsonSerializerOptions Reflection = DecodeJson.CreateOptions(new DefaultJsonTypeInfoResolver());

    [Fact]
    public void Every_demo_carrier_stores_the_bytes_the_reflection_path_stored()
    {
        var network = ChainNetwork.Resolve("regtest");
        var counts = new int[3];
        using var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, network.Magic);
        foreach (var block in source.Read(0, CancellationToken.None))
        {
            var parsed = BlockParser.Parse(block, network.Network, DecodeRequest.DefaultXcpPrefix, network.Name, verifyMerkleRoot: true);
            foreach (var candidate in parsed.Decoded!.Values)
            {
                var answer = candidate.Answer;
                var json = candidate.Json;
                Assert.Equal(answer.OpenAssets is null ? null : JsonSerializer.Serialize(answer.OpenAssets, Reflection), Text(json.OpenAssets));
                Assert.Equal(answer.Colu is null ? null : JsonSerializer.Serialize(answer.Colu, Reflection), Text(json.Colu));
                var node = answer.Counterparty is null ? null : JsonSerializer.SerializeToNode(answer.Counterparty, Reflection)!.AsObject();
                Assert.Equal(node?.ToJsonString(Reflection), Text(json.Counterparty));
                Assert.Equal(node?["fields"]!.ToJsonString(Reflection), json.CounterpartyFields);
                var context = new DecodeRequest(candidate.Tx, candidate.Prevouts, [], (int)parsed.Height, network.Network, DecodeRequest.DefaultXcpPrefix)
                { Chain = network.Name };
                Assert.Equal(candidate.Context.Length == 0 ? string.Empty : DecodeRequestContext.Write(context), Encoding.UTF8.GetString(candidate.Context));
                counts[0] += answer.OpenAssets is null ? 0 : 1;
                counts[1] += answer.Colu is null ? 0 : 1;
                counts[2] += answer.Counterparty is null ? 0 : 1;
            }
        }
        Assert.All(counts, c => Assert.True(c > 10, string.Join(", ", counts)));
    }

    [Fact]
    public void A_row_made_from_utf8_writes_the_rowbinary_of_the_row_made_from_text()
    {
        const string answer = "{\"assetId\":\"Ua\u00e9\u4e2d\",\"quantity\":1}";
        var fromText = new ColoredTransactionRow("t", "colu", 1, "h", 2, "transfer", true, "", [0x00], answer) { RequestJson = "{\"height\":1}" };
        var fromUtf8 = new ColoredTransactionRow("t", "colu", 1, "h", 2, "transfer", true, "", [0x00], Encoding.UTF8.GetBytes(answer))
        { RequestJsonUtf8 = Encoding.UTF8.GetBytes("{\"height\":1}") };
        var a = new RowBinaryWriter();
        var b = new RowBinaryWriter();
        fromText.Write(a, 5);
        fromUtf8.Write(b, 5);
        Assert.Equal(a.Written.ToArray(), b.Written.ToArray());
        Assert.Equal(answer, fromUtf8.AnswerJson);
        Assert.Equal("{\"height\":1}", fromUtf8.RequestJson);
        Assert.Equal(string.Empty, new ColoredTransactionRow("t", "colu", 1, "h", 2, "transfer", true, "", [0x00], "null").RequestJson);
    }

    private static string? Text(byte[]? utf8) => utf8 is null ? null : Encoding.UTF8.GetString(utf8);
}
