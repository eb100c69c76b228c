using Explorer.ChainForge.Wallet;
using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>
/// Signs every input of a transaction spending forge coins: P2PKH (legacy sighash), P2WPKH and P2SH-P2WPKH (BIP143),
/// P2TR key path (BIP341, SIGHASH_DEFAULT). Pure function of the transaction and coins, safe to call in parallel.
/// </summary>
public static class TransactionSigner
{
    public static void Sign(Transaction tx, IReadOnlyList<ForgeCoin> coins)
    {
        var spent = new TxOut[coins.Count];
        for (var i = 0; i < coins.Count; i++)
        {
            spent[i] = coins[i].TxOut;
        }

        var precomputed = tx.PrecomputeTransactionData(spent);
        for (var i = 0; i < coins.Count; i++)
        {
            var owner = coins[i].Owner;
            var pub = owner.Key.PubKey;
            switch (owner.Kind)
            {
                case ScriptKind.P2pkh:
                {
                    var hash = tx.GetSignatureHash(owner.ScriptPubKey, i, SigHash.All, spent[i], HashVersion.Original, precomputed);
                    var sig = new TransactionSignature(owner.Key.Sign(hash, true), SigHash.All);
                    tx.Inputs[i].ScriptSig = new Script(Op.GetPushOp(sig.ToBytes()), Op.GetPushOp(pub.ToBytes()));
                    break;
                }

                case ScriptKind.P2wpkh:
                case ScriptKind.P2shP2wpkh:
                {
                    // BIP143: "the scriptCode is 0x1976a914{20-byte-pubkey-hash}88ac" for P2WPKH.
                    var hash = tx.GetSignatureHash(pub.Hash.ScriptPubKey, i, SigHash.All, spent[i], HashVersion.WitnessV0, precomputed);
                    var sig = new TransactionSignature(owner.Key.Sign(hash, true), SigHash.All);
                    tx.Inputs[i].WitScript = new WitScript(Op.GetPushOp(sig.ToBytes()), Op.GetPushOp(pub.ToBytes()));
                    if (owner.Kind == ScriptKind.P2shP2wpkh)
                    {
                        tx.Inputs[i].ScriptSig = new Script(Op.GetPushOp(pub.WitHash.ScriptPubKey.ToBytes()));
                    }

                    break;
                }

                case ScriptKind.P2tr:
                {
                    var hash = tx.GetSignatureHashTaproot(precomputed, new TaprootExecutionData(i) { SigHash = TaprootSigHash.Default });
                    // BIP340 auxiliary randomness taken from the sighash itself, so that the forge stays deterministic.
                    var sig = owner.Key.SignTaprootKeySpend(hash, null, hash, TaprootSigHash.Default);
                    tx.Inputs[i].WitScript = new WitScript(Op.GetPushOp(sig.ToBytes()));
                    break;
                }

                default:
                    throw new InvalidOperationException($"Cannot sign {owner.Kind}.");
            }
        }
    }

    /// <summary>Virtual size estimate of a signed input of this kind (bytes incl. outpoint, sequence; witness / 4).</summary>
    public static int EstimateInputVSize(ScriptKind kind) => kind switch
    {
        ScriptKind.P2pkh => 148,
        ScriptKind.P2wpkh => 68,
        ScriptKind.P2shP2wpkh => 91,
        ScriptKind.P2tr => 58,
        _ => 148,
    };
}
