using System.Buffers;
using System.Text;
using System.Text.Json;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Decoding;

/// <summary>
/// <see cref="DecodeRequestContext.WriteUtf8"/> (per-thread buffer and writer, hex written straight into the JSON) gives
/// the bytes of the writer it replaced (kept below as <see cref="Reference"/>: a fresh ArrayBufferWriter and
/// Utf8JsonWriter per call and a hex string per script), for requests with every optional key, after a longer request
/// on the same thread (no stale bytes from the reused buffers), on several threads at once, and reads back as the same
/// request (decode contract: ../shared/docs/decode-cli.md).
/// </summary>
[Trait("Category", "Unit")]
public class DecodeRequestContextWriteTests
{
    private static string Reference(DecodeRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("prevouts");
            foreach (var prevout in request.Prevouts.IsDefault ? [] : request.Prevouts)
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
            if (request.RevealFunding is { } funding)
            {
                json.WriteStartObject("revealFunding");
                json.WriteString("txid", funding.OutPoint.Hash.ToString());
                json.WriteNumber("n", funding.OutPoint.N);
                json.WriteString("script", Convert.ToHexStringLower(funding.Output.ScriptPubKey.ToBytes(true)));
                json.WriteNumber("value", funding.Output.Value.Satoshi);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Transaction Tx(int inputs)
    {
        var tx = Network.RegTest.CreateTransaction();
        for (var i = 0; i < inputs; i++) tx.Inputs.Add(new OutPoint(uint256.One, (uint)i));
        tx.Outputs.Add(Money.Satoshis(600), new Script(OpcodeType.OP_TRUE));
        return tx;
    }

    /// <summary>Requests of growing and shrinking size: null prevouts, a 10,000-byte script, every optional key, a
    /// context over 1 MB.</summary>
    private static IEnumerable<DecodeRequest> Requests()
    {
        var p2pkh = new Key(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()).PubKey.Hash.ScriptPubKey;
        var big = new Script(Enumerable.Repeat((byte)0xab, 10_000).ToArray());
        yield return DecodeRequest.For(Tx(1));
        yield return new DecodeRequest(Tx(3), [new TxOut(Money.Satoshis(1), big), null, new TxOut(Money.Satoshis(long.MaxValue), p2pkh)], [], 840_000,
            Network.Main, "CNTRPRTY") { Chain = "mainnet" };
        yield return new DecodeRequest(Tx(1), [new TxOut(Money.Satoshis(5000), p2pkh)], [], 7, Network.TestNet, "TESTXCP\"+") { Chain = "testnet4" };
        yield return new DecodeRequest(Tx(1), [new TxOut(Money.Satoshis(5000), Script.Empty)], [], 0, Network.RegTest, DecodeRequest.DefaultXcpPrefix)
        {
            RevealFunding = new RevealFunding(new OutPoint(uint256.Parse("0b" + new string('1', 62)), 3), new TxOut(Money.Satoshis(99_999), big)),
        };
        yield return new DecodeRequest(Tx(2), default, [], null, Network.RegTest, DecodeRequest.DefaultXcpPrefix);
        // Over 1 MB of context: the thread's buffer is let go afterwards, and the next request gets a new one.
        var kilobyte = new Script(Enumerable.Repeat((byte)0xcd, 1_000).ToArray());
        yield return new DecodeRequest(Tx(600), [.. Enumerable.Repeat<TxOut?>(new TxOut(Money.Satoshis(1), kilobyte), 600)], [], 1, Network.RegTest,
            DecodeRequest.DefaultXcpPrefix);
        yield return DecodeRequest.For(Tx(1), Network.TestNet);
    }

    [Fact]
    public void Writes_the_bytes_of_the_writer_it_replaced_and_reads_back()
    {
        foreach (var pass in Enumerable.Range(0, 2))
        {
            foreach (var request in pass == 0 ? Requests() : Requests().Reverse())
            {
                var expected = Reference(request);
                Assert.Equal(expected, Encoding.UTF8.GetString(DecodeRequestContext.WriteUtf8(request)));
                Assert.Equal(expected, DecodeRequestContext.Write(request));
                Assert.True(DecodeRequestContext.Rebuild(expected, request.Tx.ToHex(), out var back, out var error), error);
                Assert.Equal(request.Height, back.Height);
                Assert.Equal(request.Chain, back.Chain);
                Assert.Equal(request.XcpPrefix, back.XcpPrefix);
                Assert.Equal(request.Prevouts.IsDefault ? 0 : request.Prevouts.Length, back.Prevouts.Length);
                Assert.Equal(request.RevealFunding?.Output.ScriptPubKey, back.RevealFunding?.Output.ScriptPubKey);
            }
        }
    }

    [Fact]
    public void Threads_writing_at_once_each_get_their_own_bytes()
    {
        var requests = Requests().ToArray();
        var expected = requests.Select(Reference).ToArray();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            Assert.Equal(expected[i % requests.Length], Encoding.UTF8.GetString(DecodeRequestContext.WriteUtf8(requests[i % requests.Length]))));
    }
}
