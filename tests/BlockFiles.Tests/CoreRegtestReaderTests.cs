using System.Text.Json;
using NBitcoin;

namespace Explorer.BlockFiles.Tests;

/// <summary>
/// Reads the blocks folder a real Bitcoin Core 29.99 regtest node wrote (data/core-regtest/README.md) and checks it
/// against the node's own RPC answers in data/core-regtest/rpc (getchaintips, getblockchaininfo, getblock 0 and 3).
/// Format: https://github.com/bitcoin/bitcoin/blob/master/src/node/blockstorage.cpp
/// </summary>
[Trait("Category", "Unit")]
public class CoreRegtestReaderTests : IDisposable
{
    private const string TipHash = "4b8429a6523bdbb467ed06ea763e6b2a09ecdd717b878c71f6709391e85886b4";
    private const string StaleTipHash = "62e31590015758d015f21d29fbcd660b391046e3ba4f4ceddbbbe47c9a200997";
    private readonly BlocksFolderReader _reader = BlocksFolderReader.Open(TestData.CoreRegtestBlocks, NetworkMagic.RegTest);

    public void Dispose()
    {
        _reader.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Reads_AllRecords_ThroughObfuscation()
    {
        Assert.False(_reader.Obfuscation.IsIdentity);
        Assert.Equal(120, _reader.Blocks.Count);
        foreach (var record in _reader.Blocks)
        {
            var block = Block.Load(_reader.ReadBlock(record), Network.RegTest);
            Assert.Equal(record.Hash, block.GetHash());
            Assert.Equal(record.TransactionCount, block.Transactions.Count);
            Assert.True(block.CheckMerkleRoot());
        }
    }

    [Fact]
    public void Reads_PartsOfABlockAgain_ThroughObfuscation_AsTheWholeBlockHasThem()
    {
        // Every record, parts at offsets of every residue modulo the 8-byte XOR key (the part's own offset in the file
        // decides which key byte comes first); a range outside the block is refused.
        var random = new Random(7);
        foreach (var record in _reader.Blocks)
        {
            var whole = _reader.ReadBlock(record);
            for (var i = 0; i < 16; i++)
            {
                var offset = random.Next(record.Size);
                var part = new byte[random.Next(record.Size - offset + 1)];
                _reader.ReadBlockBytes(record, offset, part);
                Assert.Equal(whole.AsSpan(offset, part.Length).ToArray(), part);
            }
            Assert.Throws<ArgumentOutOfRangeException>(() => _reader.ReadBlockBytes(record, record.Size - 1, new byte[2]));
            Assert.Throws<ArgumentOutOfRangeException>(() => _reader.ReadBlockBytes(record, -1, new byte[1]));
        }
        // After the reader is disposed (the indexer's reveal-source cache outlives the pass whose reader read a block),
        // a part is still read, the file opened for that read only.
        var disposed = BlocksFolderReader.Open(TestData.CoreRegtestBlocks, NetworkMagic.RegTest);
        var last = disposed.Blocks[^1];
        var expected = disposed.ReadBlock(last);
        disposed.Dispose();
        var again = new byte[last.Size - 7];
        disposed.ReadBlockBytes(last, 7, again);
        Assert.Equal(expected.AsSpan(7).ToArray(), again);
    }

    [Fact]
    public void Orders_ActiveChain_AndSetsStaleBlocksAside()
    {
        var chain = _reader.Chain;
        Assert.Equal(118, chain.ActiveChain.Length);
        Assert.Equal(TipHash, chain.Tip!.Hash.ToString());
        Assert.Equal(Network.RegTest.GenesisHash, chain.ActiveChain[0].Hash);
        for (var h = 1; h < chain.ActiveChain.Length; h++)
        {
            Assert.Equal(chain.ActiveChain[h - 1].Hash, chain.ActiveChain[h].PreviousHash);
        }

        // getchaintips: the invalidated branch has length 2 and its tip at height 116.
        Assert.Equal(2, chain.Stale.Length);
        Assert.Contains(chain.Stale, r => r.Hash.ToString() == StaleTipHash && chain.HeightOf(r.Hash) == 116);
        Assert.Contains(chain.Stale, r => chain.HeightOf(r.Hash) == 115);
        Assert.All(chain.Stale, r => Assert.False(chain.IsActive(r.Hash)));
        Assert.Empty(chain.Orphans);
        // The stale blocks were stored before the blocks that replaced them: arrival order is not height order.
        var firstActive115 = _reader.Blocks.ToList().IndexOf(chain.ActiveChain[115]);
        Assert.True(_reader.Blocks.ToList().FindIndex(r => r.Hash.ToString() == StaleTipHash) < firstActive115);
    }

    [Fact]
    public void ChainWork_MatchesGetBlockchainInfo()
    {
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.CoreRegtest, "rpc", "getblockchaininfo.json")));
        var expected = System.Numerics.BigInteger.Parse("0" + info.RootElement.GetProperty("chainwork").GetString(), System.Globalization.NumberStyles.HexNumber);
        var work = _reader.Chain.ActiveChain.Aggregate(System.Numerics.BigInteger.Zero, (acc, r) => acc + ChainIndex.BlockProof(r.Bits));
        Assert.Equal(expected, work);
        Assert.Equal(info.RootElement.GetProperty("bestblockhash").GetString(), _reader.Chain.Tip!.Hash.ToString());
    }

    [Fact]
    public void Matches_EveryUndoRecord_ByChecksum()
    {
        Assert.Equal(119, _reader.UndoRecords(0).Count);
        var matched = new HashSet<long>();
        foreach (var record in _reader.Blocks)
        {
            var has = _reader.TryReadUndo(record, out var undo, out var undoRecord);
            Assert.Equal(record.PreviousHash != uint256.Zero, has);
            if (!has)
            {
                continue;
            }

            Assert.True(matched.Add(undoRecord!.DataOffset));
            Assert.Equal(record.TransactionCount - 1, undo.Transactions.Length);
            var payload = _reader.ReadUndoPayload(undoRecord, out var checksum);
            Assert.Equal(checksum, BlocksFolderReader.UndoChecksum(record.PreviousHash, payload));
            // Re-serializing the parsed undo gives Core's bytes back.
            Assert.Equal(payload, UndoSerializer.Serialize(undo));
        }

        Assert.Equal(119, matched.Count);
    }

    [Fact]
    public void UndoPrevouts_EqualTheOutputsTheInputsSpend()
    {
        // Every output created on the active chain (the only outputs its inputs can spend).
        var outputs = new Dictionary<OutPoint, (TxOut Out, int Height, bool Coinbase)>();
        foreach (var record in _reader.Chain.ActiveChain)
        {
            var block = Block.Load(_reader.ReadBlock(record), Network.RegTest);
            var height = _reader.Chain.HeightOf(record.Hash);
            foreach (var tx in block.Transactions)
            {
                for (var i = 0; i < tx.Outputs.Count; i++)
                {
                    outputs.TryAdd(new OutPoint(tx, i), (tx.Outputs[i], height, tx.IsCoinBase));
                }
            }
        }

        var inputs = 0;
        foreach (var cb in _reader.ReadActiveChain())
        {
            var block = Block.Load(cb.Block, Network.RegTest);
            Assert.Equal(cb.Height == 0, cb.Undo is null);
            for (var t = 1; t < block.Transactions.Count; t++)
            {
                var spent = cb.Undo!.ForTransaction(t);
                var tx = block.Transactions[t];
                Assert.Equal(tx.Inputs.Count, spent.Length);
                for (var i = 0; i < tx.Inputs.Count; i++)
                {
                    var (txOut, height, coinbase) = outputs[tx.Inputs[i].PrevOut];
                    Assert.Equal(txOut.Value.Satoshi, spent[i].Value);
                    Assert.Equal(txOut.ScriptPubKey.ToBytes(), spent[i].ScriptPubKey);
                    Assert.Equal(coinbase, spent[i].IsCoinbase);
                    Assert.Equal(height, spent[i].Height);

                    inputs++;
                }
            }
        }

        // The fixture's active chain holds 12 non-coinbase inputs.
        Assert.Equal(12, inputs);
    }

    public static TheoryData<string> RpcBlocks => new(Directory.GetFiles(Path.Combine(TestData.CoreRegtest, "rpc"), "getblock-*-3.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(RpcBlocks))]
    public void UndoPrevouts_EqualGetBlockVerbosity3(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.CoreRegtest, "rpc", file)));
        var root = json.RootElement;
        var hash = uint256.Parse(root.GetProperty("hash").GetString());
        Assert.True(_reader.Chain.TryGet(hash, out var record));
        Assert.Equal(root.GetProperty("height").GetInt32(), _reader.Chain.HeightOf(hash));
        var raw = File.ReadAllText(Path.Combine(TestData.CoreRegtest, "rpc", file.Replace("-3.json", "-0.hex"))).Trim();
        Assert.Equal(raw, Convert.ToHexStringLower(_reader.ReadBlock(record)));
        Assert.True(_reader.TryReadUndo(record, out var undo, out _));
        var txs = root.GetProperty("tx").EnumerateArray().ToList();
        var checkedInputs = 0;
        for (var t = 1; t < txs.Count; t++)
        {
            var vin = txs[t].GetProperty("vin").EnumerateArray().ToList();
            var spent = undo.ForTransaction(t);
            Assert.Equal(vin.Count, spent.Length);
            for (var i = 0; i < vin.Count; i++)
            {
                var prevout = vin[i].GetProperty("prevout");
                Assert.Equal(Money.Coins(prevout.GetProperty("value").GetDecimal()).Satoshi, spent[i].Value);
                Assert.Equal(prevout.GetProperty("scriptPubKey").GetProperty("hex").GetString(), Convert.ToHexStringLower(spent[i].ScriptPubKey));
                Assert.Equal(prevout.GetProperty("height").GetInt32(), spent[i].Height);
                Assert.Equal(prevout.GetProperty("generated").GetBoolean(), spent[i].IsCoinbase);
                checkedInputs++;
            }
        }

        Assert.True(checkedInputs > 0);
    }
}
