using System.Buffers;

namespace Explorer.BlockFiles.Tests;

/// <summary>
/// Undo payloads read into arrays lent from a pool (issue 9: one array per block, most above the large-object
/// threshold, brought on the collector's full collections): over the blocks folder a real Bitcoin Core node wrote
/// (data/core-regtest, obfuscated, with a reorg), every block, stale ones included, gets the same undo data as from
/// arrays of its own, although a lent array is longer than its payload and pooled arrays are reused dirty.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LentUndoTests
{
    [Fact]
    public void Lent_payloads_give_the_same_undo_data_as_exact_arrays()
    {
        using var exact = BlocksFolderReader.Open(TestData.CoreRegtestBlocks, NetworkMagic.RegTest);
        using var lending = BlocksFolderReader.Open(TestData.CoreRegtestBlocks, NetworkMagic.RegTest);
        var pool = ArrayPool<byte>.Create(1 << 20, 4);
        var compared = 0;
        foreach (var record in exact.Blocks)
        {
            var found = exact.TryReadUndo(record, out var expected, out var expectedRecord);
            Assert.Equal(found, lending.TryReadUndo(record, pool, out var actual, out var actualRecord, out var lent));
            if (!found)
            {
                Assert.Null(lent);
                continue;
            }
            Assert.NotNull(lent);
            Assert.True(lent.Length >= actualRecord!.Size);
            Assert.Equal(expectedRecord, actualRecord);
            Assert.Equal(expected.TransactionCount, actual.TransactionCount);
            for (var t = 1; t <= expected.TransactionCount; t++)
                Assert.Equal(Describe(expected.ForTransaction(t)), Describe(actual.ForTransaction(t)));
            // Dirty it before giving it back: the next block's payload must not depend on what was there.
            lent.AsSpan().Fill(0xEE);
            pool.Return(lent);
            compared++;
        }
        Assert.True(compared >= 100, $"{compared} blocks compared");
    }

    private static string Describe(IEnumerable<SpentOutput> spent) =>
        string.Join(";", spent.Select(s => $"{s.Value}:{Convert.ToHexString(s.ScriptPubKey)}:{s.Height}:{s.IsCoinbase}"));
}
