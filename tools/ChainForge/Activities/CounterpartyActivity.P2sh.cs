using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;
using Explorer.ChainForge.Wallet;
using Explorer.Protocols.Counterparty;
using NBitcoin;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// The P2SH data carrier (counterparty-core lib/parser/p2sh.py, composer's p2sh encoding; ../shared/docs/protocols.md
/// 3.3), forged only with <c>--xcp-p2sh</c>: a commit transaction pays one P2SH output per data chunk, whose redeem
/// script is <c>PUSH(CNTRPRTY + chunk) OP_DROP &lt;pubkey&gt; OP_CHECKSIGVERIFY &lt;n&gt; OP_DROP OP_DEPTH 0 OP_EQUAL</c>;
/// the reveal transaction spends them (scriptSig: signature, redeem script) and signals the encoding with an OP_RETURN
/// carrying ARC4("CNTRPRTY" + "P2SH"). From p2sh_disabled (in force on regtest) counterparty-core reads that OP_RETURN
/// as an ordinary message instead, so these events carry "rules": "p2sh_encoding" and hold for a decoder given rules
/// with P2SH encoding on (docs/chain-forge.md, "P2SH carriers").
/// </summary>
public sealed partial class CounterpartyActivity
{
    private const long P2shOutputValue = 20_000;
    private const int P2shChunk = 120;

    private static void P2shBroadcast(BlockContext block, ForgeCoin funding)
    {
        var text = $"p2sh broadcast at {block.Height}: " + new string('z', block.Random.Next(10, 200));
        var value = Math.Round(block.Random.NextDouble() * 100, 2);
        var data = MessageEncoder.Broadcast(block.Time, value, 0, text, packText: true, shortIds: true);
        var key = funding.Owner.Key;

        // Commit: one P2SH output per chunk ("each chunk starts with the prefix"; n makes each redeem script unique).
        var redeems = new List<Script>();
        for (var offset = 0; offset < data.Length; offset += P2shChunk)
        {
            redeems.Add(CounterpartyEncoder.P2shRedeemScript(Prefix, data.AsSpan(offset, Math.Min(P2shChunk, data.Length - offset)), key.PubKey, redeems.Count));
        }

        var commit = Transaction.Create(Network.RegTest);
        commit.Version = 2;
        commit.Inputs.Add(new TxIn(funding.OutPoint));
        foreach (var redeem in redeems)
        {
            commit.Outputs.Add(new TxOut(Money.Satoshis(P2shOutputValue), redeem.Hash.ScriptPubKey));
        }

        var commitFee = BlockContext.FeeFor(11 + 148 + (32 * redeems.Count) + 31, 3);
        commit.Outputs.Add(new TxOut(funding.TxOut.Value - (P2shOutputValue * redeems.Count) - commitFee, funding.Owner.ScriptPubKey));
        var committed = block.Include(commit, [funding]);

        // Reveal: spends the data outputs; the ARC4 key is input 0's previous txid (the commit).
        var reveal = Transaction.Create(Network.RegTest);
        reveal.Version = 2;
        var spent = new List<ForgeCoin>();
        for (var i = 0; i < redeems.Count; i++)
        {
            reveal.Inputs.Add(new TxIn(new OutPoint(committed.Txid, i)));
            spent.Add(new ForgeCoin(new OutPoint(committed.Txid, i), commit.Outputs[i], funding.Owner, block.Height, false));
        }

        var arc4 = committed.Txid.ToBytes();
        Array.Reverse(arc4);
        reveal.Outputs.Add(new TxOut(Money.Zero, CounterpartyEncoder.OpReturn(arc4, Prefix, "P2SH"u8)));
        var size = 11 + redeems.Sum(r => 41 + 74 + r.Length) + 30 + 31;
        reveal.Outputs.Add(new TxOut(Money.Satoshis(P2shOutputValue * redeems.Count) - BlockContext.FeeFor(size, 3),
            block.Wallet.Get(funding.Owner.KeyIndex, ScriptKind.P2wpkh).ScriptPubKey));
        var spentOutputs = spent.Select(c => c.TxOut).ToArray();
        for (var i = 0; i < redeems.Count; i++)
        {
            // Legacy sighash over the redeem script (BIP16); the redeem script checks the signature, then an empty stack.
            var hash = reveal.GetSignatureHash(redeems[i], i, SigHash.All, spentOutputs[i], HashVersion.Original);
            var sig = TransactionSigner.SignEcdsa(key, hash);
            reveal.Inputs[i].ScriptSig = new Script(Op.GetPushOp(sig.ToBytes()), Op.GetPushOp(redeems[i].ToBytes()));
        }

        var revealed = block.IncludeSigned(reveal, spent);
        block.Record(new JsonObject
        {
            ["txid"] = revealed.Txid.ToString(),
            ["protocol"] = "counterparty",
            ["kind"] = "broadcast",
            ["carrier"] = "p2sh",
            ["rules"] = "p2sh_encoding",
            ["commitTxid"] = committed.Txid.ToString(),
            // decode_data_redeem_script: the source is the address of the redeem script's pubkey.
            ["source"] = key.PubKey.Hash.GetAddress(Network.RegTest).ToString(),
            ["fields"] = new JsonObject { ["timestamp"] = block.Time, ["value"] = value, ["fee_fraction_int"] = 0, ["text"] = text },
        });
    }
}
