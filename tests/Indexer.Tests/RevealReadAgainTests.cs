using Explorer.Indexer.Configuration;
using Explorer.Indexer.Counterparty;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Tests;

/// <summary>
/// Without the merkle-root check, a blocks folder's P2TR payers are not hashed when their block is parsed: a payer's
/// transaction is read again from the (XOR-obfuscated) folder and hashed only when a reveal's key, output index and
/// amount point at it (<see cref="ChainBlock.ReadAgain"/>, <see cref="RevealPayerBlock"/>). Over the forged demo chain's
/// real folder, every payer is then found by the txid NBitcoin gives its transaction, each read at most once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RevealReadAgainTests(ForgedChains chains) : IClassFixture<ForgedChains>
{
    [Fact]
    public void A_folders_payers_are_read_again_and_hashed_only_when_a_reveal_points_at_them()
    {
        var network = ChainNetwork.Resolve("regtest");
        using var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, network.Magic, pooled: true);
        var payers = 0;
        foreach (var block in source.Read(1, CancellationToken.None))
        {
            Assert.NotNull(block.ReadAgain);
            var transactions = Block.Load(block.Block, network.Network).Transactions;
            var parsed = BlockParser.Parse(block, network.Network, DecodeRequest.DefaultXcpPrefix, network.Name, verifyMerkleRoot: false);
            var payerBlock = parsed.RevealPayers!;
            // The block's bytes go back to their pool (and are reused) before any reveal looks at its payers.
            block.Release();
            Assert.Equal(0, payerBlock.ReadAgainCount);
            foreach (var payer in parsed.TaprootPayers!)
            {
                var tx = transactions[payer.Tx];
                var output = tx.Outputs[payer.Output];
                var key = output.ScriptPubKey.ToBytes().AsSpan(2, 32);
                var outpoint = new byte[36];
                tx.GetHash().ToBytes(outpoint.AsSpan(0, 32));
                BitConverter.TryWriteBytes(outpoint.AsSpan(32), (uint)payer.Output);
                var found = payerBlock.Find(OutputKey.From(key), outpoint, output.Value.Satoshi, int.MaxValue);
                Assert.True(found >= 0, $"payer {payer.Tx}:{payer.Output} at height {block.Height}");
                Assert.Equal(tx.Inputs[0].PrevOut.ToBytes(), payerBlock.Funder(found).Outpoint.ToArray());
                // Another txid at the same key, index and amount matches nothing.
                outpoint[0] ^= 0xFF;
                Assert.Equal(-1, payerBlock.Find(OutputKey.From(key), outpoint, output.Value.Satoshi, int.MaxValue));
                payers++;
            }
            // Every payer was asked about once with its own txid (and once with another): each was read exactly once.
            Assert.Equal(parsed.TaprootPayers!.Length, payerBlock.Count);
            Assert.Equal(payerBlock.Count, payerBlock.ReadAgainCount);
            payerBlock.Release();
            if (payers > 500) break;
        }
        Assert.True(payers > 100, $"only {payers} payers in the demo chain");
    }
}
