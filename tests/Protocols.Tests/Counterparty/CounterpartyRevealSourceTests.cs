using Explorer.Protocols.Common;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// A taproot reveal's source and its authorization, built like counterparty-core's own tests:
/// CounterpartyXCP/counterparty-core counterparty-core/counterpartycore/test/units/parser/ (stored copy, file id
/// 71017332821) test_reveal_source_signature.py: genuine commit/reveal pairs from secret exponents 1-13, the envelope
/// <c>OP_FALSE OP_IF "\x04sweep message" OP_ENDIF &lt;x-only key&gt; OP_CHECKSIG</c>, a fake 64-byte signature, the
/// funder resolved one hop back (backend/bitcoind.py get_reveal_prevouts), and the reasons of
/// counterparty-rs src/reveal.rs RevealError.
/// </summary>
public class CounterpartyRevealSourceTests
{
    private static readonly byte[] Message = "\x04sweep message"u8.ToArray();
    private static readonly uint256 CommitTxid = uint256.Parse(new string('a', 64));
    private static readonly uint256 FundingTxid = uint256.Parse(new string('b', 64));

    private static PubKey Exponent(int e)
    {
        var secret = new byte[32];
        secret[31] = (byte)e;
        return new Key(secret).PubKey;
    }

    private static Script Envelope(PubKey leafKey) =>
        new(Op.GetPushOp(0), OpcodeType.OP_IF, Op.GetPushOp(Message), OpcodeType.OP_ENDIF,
            Op.GetPushOp(leafKey.TaprootInternalKey.ToBytes()), OpcodeType.OP_CHECKSIG);

    /// <summary>(commit scriptPubKey, control block) of the single-leaf tree P2TR(internal, [leaf]).</summary>
    private static (Script Commit, byte[] ControlBlock) Commit(PubKey internalKey, Script leaf)
    {
        var tapScript = new TapScript(leaf, TapLeafVersion.C0);
        var info = new TaprootBuilder().AddLeaf(0, tapScript).Finalize(internalKey.TaprootInternalKey);
        return (info.OutputPubKey.OutputKey.ScriptPubKey, info.GetControlBlock(tapScript).ToBytes());
    }

    private static Script P2wpkh(PubKey k) => k.GetScriptPubKey(ScriptPubKeyType.Segwit);

    private static Script P2tr(PubKey k) => k.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86);

    private static Transaction Reveal(Script leaf, byte[] controlBlock)
    {
        var tx = Network.RegTest.CreateTransaction();
        tx.Inputs.Add(new OutPoint(CommitTxid, 0));
        tx.Inputs[0].WitScript = new WitScript(new[] { Enumerable.Repeat((byte)1, 64).ToArray(), leaf.ToBytes(), controlBlock });
        tx.Outputs.Add(Money.Zero, CounterpartyEncoder.RevealMarker("CNTRPRTY"));
        tx.Outputs.Add(Money.Satoshis(90000), new Key().PubKey.WitHash.ScriptPubKey);
        return tx;
    }

    private static string? Check(Script commit, Script source, Script leaf, byte[] controlBlock) =>
        RevealSourceCheck.Check(commit.ToBytes(), source.ToBytes(), [Enumerable.Repeat((byte)1, 64).ToArray(), leaf.ToBytes(), controlBlock]);

    [Fact]
    public void Honest_reveal_from_a_p2wpkh_source_is_accepted()
    {
        var source = Exponent(1);
        var leaf = Envelope(source);
        var (commit, cb) = Commit(source, leaf);
        Assert.Null(Check(commit, P2wpkh(source), leaf, cb));
    }

    [Fact]
    public void Honest_reveal_from_a_p2tr_source_is_accepted_with_the_internal_or_the_output_key()
    {
        var source = Exponent(2);
        var leaf = Envelope(source);
        var (commit, cb) = Commit(source, leaf);
        Assert.Null(Check(commit, P2tr(source), leaf, cb));
        // "output key in the envelope, the composer's fallback for an unknown key"
        var outputKey = P2tr(source).ToBytes()[2..];
        var outputPub = new PubKey([0x02, .. outputKey]);
        var leaf2 = Envelope(outputPub);
        var (commit2, cb2) = Commit(outputPub, leaf2);
        Assert.Null(Check(commit2, P2tr(source), leaf2, cb2));
    }

    [Fact]
    public void The_reported_p2tr_attack_is_rejected()
    {
        // Case A of the advisory: the attacker's key closes the envelope, the victim merely paid the commit address.
        var victim = Exponent(3);
        var attacker = Exponent(4);
        var leaf = Envelope(attacker);
        var (commit, cb) = Commit(attacker, leaf);
        foreach (var victimScript in new[] { P2wpkh(victim), P2tr(victim) })
            Assert.Equal("envelope key does not belong to the source address", Check(commit, victimScript, leaf, cb));
    }

    [Fact]
    public void The_reported_p2wsh_attack_is_rejected()
    {
        // Case B: a P2WSH commit whose witness script is OP_2DROP OP_1, revealed with a fixed 64-byte first element.
        var victim = Exponent(5);
        var witnessScript = new Script(OpcodeType.OP_2DROP, OpcodeType.OP_1);
        var commit = witnessScript.WitHash.ScriptPubKey;
        Assert.Equal("the spent commit output is not P2TR", Check(commit, P2wpkh(victim), Envelope(victim), witnessScript.ToBytes()));
    }

    [Fact]
    public void Wrapper_reasons_match_the_reference_texts()
    {
        var source = Exponent(12);
        var leaf = Envelope(source);
        var (commit, cb) = Commit(source, leaf);
        Assert.Equal("envelope key does not belong to the source address", Check(commit, P2wpkh(Exponent(13)), leaf, cb));
        Assert.Equal("witness has 0 elements, a tapscript reveal has exactly 3", RevealSourceCheck.Check(commit.ToBytes(), P2wpkh(source).ToBytes(), []));
        // An output committing another leaf does not commit this one.
        var (otherCommit, otherCb) = Commit(source, Envelope(Exponent(13)));
        Assert.Equal("control block does not commit the leaf to the output key", Check(otherCommit, P2wpkh(source), leaf, otherCb));
        // Unknown leaf version (0xc2): "unknown leaf versions succeed without executing anything".
        var badVersion = (byte[])cb.Clone();
        badVersion[0] = (byte)(0xc2 | (cb[0] & 1));
        Assert.Equal("unsupported taproot leaf version 0xc2", Check(commit, P2wpkh(source), leaf, badVersion));
        // Trailing opcode after OP_CHECKSIG.
        var trailing = new Script([.. leaf.ToBytes(), (byte)OpcodeType.OP_NOP]);
        var (commitT, cbT) = Commit(source, trailing);
        Assert.Equal("leaf is not a canonical envelope (trailing bytes after OP_CHECKSIG)", Check(commitT, P2wpkh(source), trailing, cbT));
    }

    [Fact]
    public void Get_tx_info_names_the_funder_and_refuses_an_unauthorised_reveal()
    {
        // test_get_transaction_sources_refuses_an_unauthorised_reveal: victim exponent 10, attacker 11.
        var victim = Exponent(10);
        var attacker = Exponent(11);
        var funding = new RevealFunding(new OutPoint(FundingTxid, 0), new TxOut(Money.Satoshis(100000), P2wpkh(victim)));

        var badLeaf = Envelope(attacker);
        var (badCommit, badCb) = Commit(attacker, badLeaf);
        var bad = Reveal(badLeaf, badCb);
        var refused = CounterpartyExtractor.Extract(bad, [new TxOut(Money.Satoshis(99000), badCommit)], CounterpartyRules.Regtest, null, "CNTRPRTY", funding);
        Assert.False(refused.IsSuccess);
        Assert.Equal(DecodeError.Malformed, refused.Error);
        Assert.Contains("not signed by its source", refused.Detail, StringComparison.Ordinal);
        // Before require_reveal_source_signature the same reveal names the victim (the vulnerability).
        var before = CounterpartyExtractor.Extract(bad, [new TxOut(Money.Satoshis(99000), badCommit)],
            CounterpartyRules.Regtest with { RequireRevealSourceSignature = int.MaxValue }, null, "CNTRPRTY", funding);
        Assert.Equal(victim.GetAddress(ScriptPubKeyType.Segwit, Network.RegTest).ToString(), before.Value!.Source);

        // "the honest pair goes through and names the funder"; the fee counts the funding output, not the commit output.
        var leaf = Envelope(victim);
        var (commit, cb) = Commit(victim, leaf);
        var honest = CounterpartyExtractor.Extract(Reveal(leaf, cb), [new TxOut(Money.Satoshis(99000), commit)], CounterpartyRules.Regtest, null, "CNTRPRTY", funding);
        Assert.True(honest.IsSuccess, honest.Detail);
        Assert.Equal(victim.GetAddress(ScriptPubKeyType.Segwit, Network.RegTest).ToString(), honest.Value.Source);
        Assert.Equal(100000 - 90000, honest.Value.Fee);
        Assert.Equal(Message, honest.Value.Data);
        // Unknown funding: no source and no fee, data still read.
        var unknown = CounterpartyExtractor.Extract(Reveal(leaf, cb), [new TxOut(Money.Satoshis(99000), commit)], CounterpartyRules.Regtest, null, "CNTRPRTY");
        Assert.Null(unknown.Value!.Source);
        Assert.Null(unknown.Value!.Fee);
    }

    [Fact]
    public void Other_inputs_spending_the_funding_transaction_resolve_to_the_funding_output()
    {
        // get_reveal_prevouts: "(parent_hash, parent_n) if index == 0 or vin["hash"] == parent_hash".
        var victim = Exponent(1);
        var leaf = Envelope(victim);
        var (commit, cb) = Commit(victim, leaf);
        var tx = Reveal(leaf, cb);
        tx.Inputs.Add(new OutPoint(FundingTxid, 7));
        tx.Inputs.Add(new OutPoint(uint256.One, 0));
        var funding = new RevealFunding(new OutPoint(FundingTxid, 0), new TxOut(Money.Satoshis(100000), P2wpkh(victim)));
        var prevouts = new TxOut?[] { new(Money.Satoshis(99000), commit), new(Money.Satoshis(5), P2wpkh(victim)), new(Money.Satoshis(1000), P2wpkh(victim)) };
        var x = CounterpartyExtractor.Extract(tx, prevouts, CounterpartyRules.Regtest, null, "CNTRPRTY", funding);
        Assert.True(x.IsSuccess, x.Detail);
        Assert.Equal(100000 + 100000 + 1000 - 90000, x.Value.Fee);
    }

    [Fact]
    public void Decode_json_carries_the_funding_and_the_network_name()
    {
        var victim = Exponent(1);
        var leaf = Envelope(victim);
        var (commit, cb) = Commit(victim, leaf);
        var tx = Reveal(leaf, cb);
        var line = $$$"""{"tx":"{{{tx.ToHex()}}}","network":"regtest","prevouts":[{"script":"{{{commit.ToHex()}}}","value":99000}],"revealFunding":{"txid":"{{{FundingTxid}}}","n":0,"script":"{{{P2wpkh(victim).ToHex()}}}","value":100000}}""";
        Assert.True(DecodeJson.TryParseRequest(line, out var request, out var error), error);
        Assert.NotNull(request.RevealFunding);
        var answer = CounterpartyAnswerBuilder.Build(request)!;
        Assert.Equal(victim.GetAddress(ScriptPubKeyType.Segwit, Network.RegTest).ToString(), answer.Source);
        Assert.Equal(10000, answer.Fee);
        Assert.False(DecodeJson.TryParseRequest($$$"""{"tx":"{{{tx.ToHex()}}}","revealFunding":{"txid":"zz"}}""", out _, out var bad));
        Assert.Contains("revealFunding", bad, StringComparison.Ordinal);
    }
}
