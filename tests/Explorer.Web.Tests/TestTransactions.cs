using NBitcoin;

namespace Explorer.Web.Tests;

/// <summary>Hand-built transactions for the web tests (NBitcoin builds them; nothing is signed).</summary>
public static class TestTransactions
{
    /// <summary>Payload of the OP_RETURN output of <see cref="WithOpReturn"/>: no colored-coin protocol reads it.</summary>
    public static readonly byte[] OpReturnPayload = "hello world"u8.ToArray();

    /// <summary>A fixed key so addresses are stable: 1-based private key 0x01 (test key, never funded).</summary>
    public static readonly Key Key = new(Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000001"));

    /// <summary>
    /// Version 1, one input (prevout 11..11:3, empty scriptSig), outputs: 0 = OP_RETURN with
    /// <see cref="OpReturnPayload"/> (0 sat), 1 = P2PKH of <see cref="Key"/> (600 sat), 2 = P2WPKH (12_345 sat).
    /// </summary>
    public static Transaction WithOpReturn()
    {
        var tx = Network.Main.CreateTransaction();
        tx.Version = 1;
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.Parse(new string('1', 64)), 3)));
        tx.Outputs.Add(new TxOut(Money.Zero, TxNullDataTemplate.Instance.GenerateScriptPubKey(OpReturnPayload)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), Key.PubKey.GetAddress(ScriptPubKeyType.Legacy, Network.Main)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(12_345), Key.PubKey.GetAddress(ScriptPubKeyType.Segwit, Network.Main)));
        return tx;
    }

    /// <summary><see cref="WithOpReturn"/> with a two-item witness on its input, so it serializes as BIP 144.</summary>
    public static Transaction WithWitness()
    {
        var tx = WithOpReturn();
        tx.Inputs[0].WitScript = new WitScript(new[] { new byte[] { 0xaa, 0xbb }, new byte[] { 0xcc } }, true);
        return tx;
    }
}
