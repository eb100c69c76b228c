namespace Explorer.ChainForge.Wallet;

/// <summary>The output types the forge pays to and knows how to spend.</summary>
public enum ScriptKind
{
    P2pkh,
    P2wpkh,
    P2shP2wpkh,
    P2tr,
}
