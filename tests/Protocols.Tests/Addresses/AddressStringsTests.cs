using Explorer.Protocols.Common;
using Explorer.Protocols.OpenAssets;
using NBitcoin;

namespace Explorer.Protocols.Tests.Addresses;

/// <summary>The address memo answers what NBitcoin answers, for every kind of script and network, from several threads
/// at once and past its capacity (when it starts over).</summary>
public sealed class AddressStringsTests
{
    public static TheoryData<string> Networks() => ["main", "test", "regtest"];

    [Theory]
    [MemberData(nameof(Networks))]
    public void Equals_NBitcoin_for_every_script_kind(string name)
    {
        var network = name switch { "main" => Network.Main, "test" => Network.TestNet, _ => Network.RegTest };
        var key = new Key(Convert.FromHexString("0101010101010101010101010101010101010101010101010101010101010101"));
        Script[] scripts =
        [
            key.PubKey.Hash.ScriptPubKey, key.PubKey.WitHash.ScriptPubKey, key.PubKey.ScriptPubKey.Hash.ScriptPubKey,
            key.PubKey.GetTaprootFullPubKey().ScriptPubKey, key.PubKey.ScriptPubKey.WitHash.ScriptPubKey,
            new Script(OpcodeType.OP_RETURN, Op.GetPushOp([1, 2, 3])), key.PubKey.ScriptPubKey, Script.Empty,
        ];
        foreach (var script in scripts)
        {
            // Twice: computed, then remembered.
            for (var i = 0; i < 2; i++)
                Assert.Equal(script.GetDestinationAddress(network)?.ToString(), AddressStrings.OfScript(script.ToBytes(), network));
        }
        var hash = key.PubKey.Hash.ToBytes();
        Assert.Equal(new KeyId(hash).GetAddress(network).ToString(), AddressStrings.PubKeyHash(hash, network));
        Assert.Equal(new ScriptId(hash).GetAddress(network).ToString(), AddressStrings.ScriptHash(hash, network));
        // The same 20 bytes as a key hash, a script hash and an asset ID are three different strings.
        Assert.Equal(3, new[] { AddressStrings.PubKeyHash(hash, network), AddressStrings.ScriptHash(hash, network),
            new OaAssetId(new uint160(hash)).ToBase58(network) }.Distinct().Count());
        Assert.Equal(new OaAssetId(new uint160(hash)).ToBase58(network.ChainName == ChainName.Testnet), new OaAssetId(new uint160(hash)).ToBase58(network));
    }

    [Fact]
    public void Stays_right_from_several_threads_past_its_capacity()
    {
        var count = AddressStrings.Capacity + 5_000;
        var wrong = 0;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var hash = new byte[20];
            BitConverter.TryWriteBytes(hash, i);
            var script = new KeyId(hash).ScriptPubKey;
            if (AddressStrings.OfScript(script.ToBytes(), Network.Main) != script.GetDestinationAddress(Network.Main)!.ToString())
                Interlocked.Increment(ref wrong);
        });
        Assert.Equal(0, wrong);
    }
}
