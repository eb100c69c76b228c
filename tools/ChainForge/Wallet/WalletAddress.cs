using NBitcoin;

namespace Explorer.ChainForge.Wallet;

/// <summary>One spendable script of the forge's wallet: its key, its kind and its scriptPubKey.</summary>
public sealed record WalletAddress(int KeyIndex, Key Key, ScriptKind Kind, Script ScriptPubKey)
{
    /// <summary>Regtest address string (Core's prefixes: m/n, 2, bcrt1).</summary>
    public string Address => ScriptPubKey.GetDestinationAddress(Network.RegTest)!.ToString();
}
