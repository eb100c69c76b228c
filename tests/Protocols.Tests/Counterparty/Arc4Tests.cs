using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// ARC4 against the classic RC4 test vectors (Wikipedia "RC4" article, "Test vectors": Key/Plaintext, Wiki/pedia,
/// Secret/Attack at dawn) and against counterparty-core's use (vector xcp-gettxinfo-2: decrypting the multisig keys
/// gives the length byte, TESTXXXX and the data). Spec: ../shared/docs/protocols.md (https://github.com/CounterpartyXCP/counterparty-core) 3.1.
/// </summary>
public class Arc4Tests
{
    [Theory]
    [InlineData("Key", "Plaintext", "bbf316e8d940af0ad3")]
    [InlineData("Wiki", "pedia", "1021bf0420")]
    [InlineData("Secret", "Attack at dawn", "45a01f645fc35b383552544b9bf5")]
    public void Known_vectors(string key, string plain, string cipher)
    {
        var k = System.Text.Encoding.ASCII.GetBytes(key);
        var p = System.Text.Encoding.ASCII.GetBytes(plain);
        Assert.Equal(cipher, Convert.ToHexStringLower(Arc4.Apply(k, p)));
        Assert.Equal(cipher, Convert.ToHexStringLower(new Arc4Key(k).Apply(p)));
        // Symmetric: applying twice gives the plaintext back; a fresh stream per call.
        var scheduled = new Arc4Key(k);
        Assert.Equal(plain, System.Text.Encoding.ASCII.GetString(scheduled.Apply(scheduled.Apply(p))));
        Span<byte> inPlace = p.ToArray();
        Arc4.Transform(k, inPlace, inPlace);
        Assert.Equal(cipher, Convert.ToHexStringLower(inPlace));
    }

    [Fact]
    public void Multisig_keys_of_vector_2_decrypt_to_length_prefix_and_data()
    {
        // xcp-gettxinfo-2 derived check: "decrypting pubkey1[1:32]+pubkey2[1:32] gives length byte 0x32(50) + TESTXXXX + data".
        var key = new Arc4Key(Convert.FromHexString("e43c357b78baf473fd21cbc1481ac450746b60cf1d2702ce3a73a8811811e3eb"));
        var k1 = Convert.FromHexString("035ca51ea175f108a1c63588683dc4c43a7146c46799f864a300263c0813f5fe35");
        var k2 = Convert.FromHexString("02309a14a1a30202f2e76f46acdb2917752371ca42b97460f7928ade8ecb02ea17");
        var plain = key.Apply([.. k1.AsSpan(1, 31), .. k2.AsSpan(1, 31)]);
        Assert.Equal(0x32, plain[0]);
        Assert.Equal("TESTXXXX", System.Text.Encoding.ASCII.GetString(plain, 1, 8));
        Assert.Equal("00000028000052bb33640000000002faf0800000000002faf080000000000000000000003b100000000a", Convert.ToHexStringLower(plain.AsSpan(9, 0x32 - 8)));
    }

    [Fact]
    public void Non_finite_doubles_serialize_as_text()
    {
        // A broadcast whose value is NaN: JSON has no NaN, the answer writes it as text instead of failing.
        var data = MessageEncoder.Broadcast(1, double.NaN, 0, "t", true, true);
        var tx = XcpTestData.Build(Network.Main, "e43c357b78baf473fd21cbc1481ac450746b60cf1d2702ce3a73a8811811e3eb",
            (CounterpartyEncoder.OpReturn(Convert.FromHexString("e43c357b78baf473fd21cbc1481ac450746b60cf1d2702ce3a73a8811811e3eb"), "CNTRPRTY", data), 0));
        var json = DecodeJson.Serialize(TransactionDecoder.Decode(DecodeRequest.For(tx)));
        Assert.Contains("\"value\":\"NaN\"", json, StringComparison.Ordinal);
    }
}
