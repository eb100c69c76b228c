using System.Globalization;
using Explorer.Protocols.Counterparty;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// <see cref="MpmaEncoder"/> round trips through <see cref="CounterpartyMessageDecoder"/> under regtest rules: every send
/// comes back with its asset, destination, quantity and the message memo.
/// Spec: https://github.com/CounterpartyXCP/counterparty-core (lib/utils/mpmaencoding.py, lib/messages/versions/mpma.py).
/// </summary>
public class MpmaEncoderTests
{
    private const string A = "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns";
    // P2PKH destinations: the decoder reads 21-byte packed addresses.
    private static readonly string B = new Key(Enumerable.Repeat((byte)2, 32).ToArray()).PubKey.Hash.GetAddress(Network.RegTest).ToString();
    private static readonly string C = new Key(Enumerable.Repeat((byte)3, 32).ToArray()).PubKey.Hash.GetAddress(Network.RegTest).ToString();
    private const ulong Numeric = 95_428_956_661_682_177UL + 7;

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, "rent")]
    [InlineData(3, "")]
    public void Sends_round_trip(int destinations, string? memo)
    {
        var all = new[] { A, B, C }.Take(destinations).ToArray();
        var sends = new List<(ulong, string, ulong)> { (1, all[0], 100) };
        if (destinations > 1)
        {
            sends.Add((1, all[1], 200));
            sends.Add((Numeric, all[^1], 300_000_000_000));
        }

        var data = MpmaEncoder.Encode(sends, memo, Network.RegTest);
        var result = CounterpartyMessageDecoder.Decode(data, CounterpartyRules.Regtest, 500);
        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("mpma", result.Message!.Type);
        var decoded = Assert.IsType<List<Dictionary<string, object?>>>(result.Message["sends"]);
        Assert.Equal(sends.Count, decoded.Count);
        for (var i = 0; i < sends.Count; i++)
        {
            Assert.Equal(sends[i].Item1 == 1 ? "XCP" : "A" + Numeric.ToString(CultureInfo.InvariantCulture), decoded[i]["asset"]);
            Assert.Equal(sends[i].Item2, decoded[i]["destination"]);
            Assert.Equal(sends[i].Item3, Convert.ToUInt64(decoded[i]["quantity"], CultureInfo.InvariantCulture));
            Assert.Equal(memo, decoded[i]["memo"]);
        }
    }

    [Fact]
    public void Bad_requests_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MpmaEncoder.Encode([], null, Network.RegTest));
        Assert.Throws<ArgumentException>(() => MpmaEncoder.Encode([(1, A, 1), (1, A, 2)], null, Network.RegTest));
        Assert.Throws<ArgumentException>(() => MpmaEncoder.Encode([(1, A, 1)], new string('m', 64), Network.RegTest));
    }
}
