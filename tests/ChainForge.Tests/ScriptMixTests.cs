using Explorer.BlockFiles;
using Explorer.ChainForge.Wallet;
using NBitcoin;

namespace Explorer.ChainForge.Tests;

/// <summary>
/// <c>--script-mix</c>: the output types of ordinary traffic and coinbases follow the weights (P2TR key-path spends
/// with BIP340 signatures when P2TR is in the mix, no P2TR output at all when its weight is 0), and the chain stays
/// valid (ChainValidator re-checks every signature with NBitcoin's interpreter). Bad mixes are refused with a message.
/// </summary>
[Trait("Category", "Unit")]
public class ScriptMixTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "forge-mix-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }

        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("p2pkh=1,p2sh=1,p2wpkh=1,p2tr=0")]
    [InlineData("p2tr=3,p2wpkh=1")]
    [InlineData("p2pkh=1")]
    public void Ordinary_outputs_follow_the_mix_and_the_chain_validates(string mix)
    {
        var scripts = ScriptMix.Parse(mix);
        ScenarioRunner.Run(ScenarioSettings.Preset("demo") with { Seed = 5, Blocks = 130, ColoredPerBlock = 0, Scripts = scripts },
            Path.Combine(_dir, "chain"));
        using var reader = BlocksFolderReader.Open(Path.Combine(_dir, "chain", "blocks"), NetworkMagic.RegTest);
        var outputs = new Dictionary<string, int>();
        var taprootSpends = 0;
        foreach (var cb in reader.ReadActiveChain(1))
        {
            foreach (var tx in Block.Load(cb.Block, Network.RegTest).Transactions)
            {
                foreach (var o in tx.Outputs)
                {
                    var kind = Kind(o.ScriptPubKey);
                    outputs[kind] = outputs.GetValueOrDefault(kind) + 1;
                }

                // BIP341 key path: a single 64-byte Schnorr signature (SIGHASH_DEFAULT) in the witness.
                taprootSpends += tx.Inputs.Count(i => i.WitScript.PushCount == 1 && i.WitScript[0].Length == 64);
            }
        }

        var allowed = scripts.Kinds.Select(k => k switch
        {
            ScriptKind.P2pkh => "p2pkh",
            ScriptKind.P2shP2wpkh => "p2sh",
            ScriptKind.P2wpkh => "p2wpkh",
            _ => "p2tr",
        }).Append("other").ToHashSet();
        Assert.True(outputs.Keys.All(allowed.Contains), $"mix {mix}: outputs {string.Join(", ", outputs)}");
        Assert.All(allowed.Where(a => a != "other"), a => Assert.True(outputs.GetValueOrDefault(a) > 20, $"mix {mix}: few {a}"));
        Assert.Equal(scripts.Kinds.Contains(ScriptKind.P2tr), taprootSpends > 0);
        if (mix == "p2tr=3,p2wpkh=1")
        {
            // 3:1 for payments; coinbases take the allowed types in turn (one per block), which pulls the ratio down a little.
            Assert.True(outputs["p2tr"] > 2 * outputs["p2wpkh"], $"weights 3:1 gave {outputs["p2tr"]} P2TR and {outputs["p2wpkh"]} P2WPKH outputs");
        }

        ChainValidator.ValidateActiveChain(reader);
    }

    [Theory]
    [InlineData("p2tr=x")]
    [InlineData("p2wsh=1")]
    [InlineData("p2tr=0")]
    [InlineData("")]
    [InlineData("p2pkh=-1")]
    public void Bad_mixes_are_refused_with_a_message(string mix)
    {
        var e = Assert.Throws<ArgumentException>(() => ScriptMix.Parse(mix));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    private static string Kind(Script script) =>
        PayToPubkeyHashTemplate.Instance.CheckScriptPubKey(script) ? "p2pkh"
        : PayToScriptHashTemplate.Instance.CheckScriptPubKey(script) ? "p2sh"
        : PayToWitPubKeyHashTemplate.Instance.CheckScriptPubKey(script) ? "p2wpkh"
        : PayToTaprootTemplate.Instance.CheckScriptPubKey(script) ? "p2tr"
        : "other";
}
