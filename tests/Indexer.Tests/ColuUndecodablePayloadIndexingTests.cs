using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The state stage on a hand-built block whose transactions spend Colu-colored outputs: one with a CC payload that
/// does not decode, one without any payload, one with a decodable transfer (the control). Colu's indexers lose the
/// units of the first two (Colored-Coins/Full-Node src/block_parser.js parseTransaction: the colored inputs are marked
/// used, then "if (!coloredData) return cb()" colors no output; getColoredData's try/catch turns an undecodable
/// payload into no coloredData), so the indexer records them as destroyed and no output of those transactions holds
/// them (docs/colu.md).
/// </summary>
[Trait("Category", "Unit")]
public sealed class ColuUndecodablePayloadIndexingTests
{
    private const string Asset = "La1111111111111111111111111111111111111";

    [Fact]
    public void Inputs_of_an_undecodable_CC_payload_are_destroyed_like_those_of_a_payload_less_spend()
    {
        var state = new ColoredUtxoSet();
        var funding = uint256.Parse("aa00000000000000000000000000000000000000000000000000000000000001");
        for (uint n = 0; n < 3; n++) state.Add(Colored(funding, n, 8));

        // 4343 02 15 01: a transfer whose payment has no amount (Truncated); 4343 02 15 0105: 5 units to output 1.
        var undecodable = Spend(funding, 0, "4343021501");
        var payloadLess = Spend(funding, 1, null);
        var transfer = Spend(funding, 2, "434302150105");
        var rows = Apply(state, undecodable, payloadLess, transfer);

        foreach (var tx in new[] { undecodable, payloadLess })
        {
            var txid = tx.GetHash().ToString();
            Assert.Equal([("destroyed", 8UL)], rows.Events.Where(e => e.Txid == txid).Select(e => (e.Kind, e.Quantity)));
            // The only output rows naming the transaction are the spend copies of its input.
            Assert.DoesNotContain(rows.Outputs, o => o.Row.Txid == txid);
            Assert.Single(rows.Outputs, o => o.Row.SpentTxid == txid);
            for (uint n = 0; n < tx.Outputs.Count; n++) Assert.False(state.Contains(new OutPoint(tx, n)));
        }
        var invalid = Assert.Single(rows.Transactions, t => t.Txid == undecodable.GetHash().ToString());
        Assert.False(invalid.Valid);
        Assert.Contains("Truncated", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("\"destroyed\":[{", invalid.AnswerJson, StringComparison.Ordinal);

        // Control: the decodable transfer moves the 8 units (5 to output 1, 3 to the last output) and destroys none.
        var moved = transfer.GetHash().ToString();
        Assert.Equal([(1u, 5UL), (2u, 3UL)], rows.Outputs.Where(o => o.Row.Txid == moved).Select(o => (o.Row.N, o.Row.Quantity)).Order());
        Assert.DoesNotContain(rows.Events, e => e.Txid == moved && e.Kind == "destroyed");
        Assert.True(state.Contains(new OutPoint(transfer, 1)) && state.Contains(new OutPoint(transfer, 2)));
    }

    private static BlockRows Apply(ColoredUtxoSet state, params Transaction[] txs)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        var coinbase = Network.RegTest.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new Script(Op.GetPushOp(1), OpcodeType.OP_0)));
        coinbase.Outputs.Add(new TxOut(Money.Coins(50), P2pkh(9)));
        block.Transactions.Add(coinbase);
        block.Transactions.AddRange(txs);
        block.UpdateMerkleRoot();
        var bytes = block.ToBytes();
        var hash = block.GetHash();
        var record = new BlockRecord(0, 0, bytes.Length, hash, uint256.Zero, block.Header.Bits, (uint)block.Header.BlockTime.ToUnixTimeSeconds(), block.Transactions.Count);
        var parsed = BlockParser.Parse(new ChainBlock(1, record, bytes, null));
        return new BlockColorer(state, Network.RegTest, DecodeRequest.DefaultXcpPrefix, new VersionClock()).Apply(parsed);
    }

    /// <summary>Spends funding:n; outputs [OP_RETURN payload (when given), P2PKH, P2PKH].</summary>
    private static Transaction Spend(uint256 funding, uint n, string? payload)
    {
        var tx = Network.RegTest.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(funding, n)));
        if (payload is not null) tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(Convert.FromHexString(payload)))));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(1)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(2)));
        return tx;
    }

    private static ColoredOutputRow Colored(uint256 txid, uint n, ulong quantity) =>
        new("colu", Asset, txid.ToString(), n, 0, quantity, string.Empty, string.Empty, 600, 0, string.Empty, txid.ToString(), 0, 0, "aggregatable");

    private static Script P2pkh(byte fill) => PayToPubkeyHashTemplate.Instance.GenerateScriptPubKey(new KeyId(Enumerable.Repeat(fill, 20).ToArray()));
}
