using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.ChainForge.Tests;

/// <summary>
/// An independent check of a forged blocks folder, written against NBitcoin and consensus rules rather than the forge's
/// code: proof of work, merkle root (NBitcoin), BIP141 witness commitment, BIP34 height, subsidy plus fees, coinbase
/// maturity, no double spend, every input's script and signature (NBitcoin's interpreter with the spent outputs),
/// and the undo data equal to the outputs each input spent.
/// Sources: https://github.com/bitcoin/bips/blob/master/bip-0141.mediawiki, bip-0034, bip-0341;
/// Bitcoin Core src/validation.cpp (CheckBlock, ContextualCheckBlock, ConnectBlock).
/// </summary>
internal static class ChainValidator
{
    public sealed record Report(int Blocks, int Transactions, int Inputs);

    public static Report ValidateActiveChain(BlocksFolderReader reader)
    {
        var utxos = new Dictionary<OutPoint, (TxOut Out, int Height, bool Coinbase)>();
        int transactions = 0, inputs = 0, blocks = 0;
        uint256? previous = null;
        foreach (var cb in reader.ReadActiveChain())
        {
            var block = Block.Load(cb.Block, Network.RegTest);
            blocks++;
            Assert.Equal(cb.Record.Hash, block.GetHash());
            Assert.Equal(previous ?? uint256.Zero, block.Header.HashPrevBlock);
            previous = block.GetHash();
            Assert.True(block.Header.CheckProofOfWork(), $"PoW of block {cb.Height}");
            Assert.Equal(0x207fffffu, block.Header.Bits.ToCompact());
            Assert.True(block.CheckMerkleRoot(), $"merkle root of block {cb.Height}");
            Assert.True(block.GetWeight() <= 4_000_000, $"weight of block {cb.Height}");
            if (cb.Height == 0)
            {
                Assert.Equal(Network.RegTest.GenesisHash, block.GetHash());
                foreach (var tx in block.Transactions)
                {
                    for (var o = 0; o < tx.Outputs.Count; o++)
                    {
                        utxos[new OutPoint(tx, o)] = (tx.Outputs[o], 0, true);
                    }
                }

                continue;
            }

            CheckCoinbase(block, cb.Height);
            var fees = Money.Zero;
            for (var t = 1; t < block.Transactions.Count; t++)
            {
                var tx = block.Transactions[t];
                transactions++;
                var spent = new TxOut[tx.Inputs.Count];
                var undo = cb.Undo!.ForTransaction(t);
                Assert.Equal(tx.Inputs.Count, undo.Length);
                for (var i = 0; i < tx.Inputs.Count; i++)
                {
                    Assert.True(utxos.Remove(tx.Inputs[i].PrevOut, out var coin), $"missing or double-spent {tx.Inputs[i].PrevOut} in block {cb.Height}");
                    Assert.True(!coin.Coinbase || cb.Height - coin.Height >= 100, "immature coinbase spent");
                    spent[i] = coin.Out;
                    Assert.Equal(coin.Out.Value.Satoshi, undo[i].Value);
                    Assert.Equal(coin.Out.ScriptPubKey.ToBytes(), undo[i].ScriptPubKey);
                    Assert.Equal(coin.Height, undo[i].Height);
                    Assert.Equal(coin.Coinbase, undo[i].IsCoinbase);
                    inputs++;
                }

                var validator = tx.CreateValidator(spent);
                for (var i = 0; i < tx.Inputs.Count; i++)
                {
                    var result = validator.ValidateInput(i);
                    Assert.True(result.Error is null, $"input {i} of {tx.GetHash()} at {cb.Height}: {result.Error}");
                }

                var fee = spent.Sum(s => s.Value.Satoshi) - tx.Outputs.Sum(o => o.Value.Satoshi);
                Assert.True(fee > 0, $"fee of {tx.GetHash()}");
                // Relay minimum 1 sat/vB, so that a real node's mempool accepts the transaction.
                Assert.True(fee >= tx.GetVirtualSize(), $"fee rate of {tx.GetHash()} below 1 sat/vB");
                fees += fee;
                AddOutputs(utxos, tx, cb.Height, false);
            }

            var coinbase = block.Transactions[0];
            var subsidy = Money.Satoshis(50_0000_0000L >> (cb.Height / 150));
            Assert.True(coinbase.TotalOut <= subsidy + fees, $"coinbase of block {cb.Height} pays too much");
            AddOutputs(utxos, coinbase, cb.Height, true);
        }

        return new Report(blocks, transactions, inputs);
    }

    private static void CheckCoinbase(Block block, int height)
    {
        var coinbase = block.Transactions[0];
        Assert.True(coinbase.IsCoinBase);
        Assert.Equal(height, block.GetCoinbaseHeight());
        Assert.All(block.Transactions.Skip(1), tx => Assert.False(tx.IsCoinBase));

        // BIP141: the commitment is in the last output whose script starts with OP_RETURN 0x24 aa21a9ed.
        var commitment = coinbase.Outputs.Last(o => o.ScriptPubKey.ToBytes() is { Length: >= 38 } s
            && s[0] == 0x6a && s[1] == 0x24 && s[2] == 0xaa && s[3] == 0x21 && s[4] == 0xa9 && s[5] == 0xed);
        var reserved = coinbase.Inputs[0].WitScript.Pushes.Single();
        Assert.Equal(32, reserved.Length);
        var wtxids = block.Transactions.Select((tx, i) => i == 0 ? uint256.Zero : tx.GetWitHash());
        var root = MerkleNode.GetRoot(wtxids).Hash!;
        var expected = NBitcoin.Crypto.Hashes.DoubleSHA256([.. root.ToBytes(), .. reserved]).ToBytes();
        Assert.Equal(expected, commitment.ScriptPubKey.ToBytes()[6..38]);
    }

    private static void AddOutputs(Dictionary<OutPoint, (TxOut, int, bool)> utxos, Transaction tx, int height, bool coinbase)
    {
        var txid = tx.GetHash();
        for (var o = 0; o < tx.Outputs.Count; o++)
        {
            if (!tx.Outputs[o].ScriptPubKey.IsUnspendable)
            {
                utxos.Add(new OutPoint(txid, o), (tx.Outputs[o], height, coinbase));
            }
        }
    }
}
