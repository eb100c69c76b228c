using NBitcoin;

namespace Explorer.Web.Services;

/// <summary>Names the standard template a scriptPubKey follows, for the outputs table.</summary>
public static class ScriptKinds
{
    public static string Of(Script script)
    {
        if (TxNullDataTemplate.Instance.CheckScriptPubKey(script) || script.IsUnspendable) return "OP_RETURN";
        if (PayToPubkeyHashTemplate.Instance.CheckScriptPubKey(script)) return "P2PKH";
        if (PayToScriptHashTemplate.Instance.CheckScriptPubKey(script)) return "P2SH";
        if (PayToWitPubKeyHashTemplate.Instance.CheckScriptPubKey(script)) return "P2WPKH";
        if (PayToWitScriptHashTemplate.Instance.CheckScriptPubKey(script)) return "P2WSH";
        if (PayToTaprootTemplate.Instance.CheckScriptPubKey(script)) return "P2TR";
        if (PayToMultiSigTemplate.Instance.CheckScriptPubKey(script)) return "multisig";
        if (PayToPubkeyTemplate.Instance.CheckScriptPubKey(script)) return "P2PK";
        return "nonstandard";
    }
}
