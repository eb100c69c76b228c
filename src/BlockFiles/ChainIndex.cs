using System.Collections.Immutable;
using System.Numerics;
using NBitcoin;

namespace Explorer.BlockFiles;

/// <summary>
/// Orders the blocks of a folder by previous-hash linkage from the genesis block and picks the best chain:
/// the tip with the most cumulative work (ties go to the block stored first, as Core prefers the first received,
/// src/validation.cpp <c>CBlockIndexWorkComparator</c> by nSequenceId). Blocks not on the best chain are stale.
/// Work per block = 2^256 / (target + 1) (src/chain.cpp <c>GetBlockProof</c>).
/// </summary>
public sealed class ChainIndex
{
    private readonly Dictionary<uint256, BlockRecord> _byHash;
    private readonly Dictionary<uint256, int> _heights;

    private ChainIndex(Dictionary<uint256, BlockRecord> byHash, Dictionary<uint256, int> heights,
        ImmutableArray<BlockRecord> active, ImmutableArray<BlockRecord> stale, ImmutableArray<BlockRecord> orphans)
    {
        _byHash = byHash;
        _heights = heights;
        ActiveChain = active;
        Stale = stale;
        Orphans = orphans;
    }

    /// <summary>The best chain, index = height (index 0 = genesis).</summary>
    public ImmutableArray<BlockRecord> ActiveChain { get; }

    /// <summary>Blocks linked to the genesis block but not on the best chain, in file order.</summary>
    public ImmutableArray<BlockRecord> Stale { get; }

    /// <summary>Blocks whose ancestry does not reach a genesis block in the folder.</summary>
    public ImmutableArray<BlockRecord> Orphans { get; }

    public BlockRecord? Tip => ActiveChain.IsEmpty ? null : ActiveChain[^1];

    public bool TryGet(uint256 hash, out BlockRecord record) => _byHash.TryGetValue(hash, out record!);

    /// <summary>Height of a block linked to genesis (active or stale), or -1.</summary>
    public int HeightOf(uint256 hash) => _heights.TryGetValue(hash, out var h) ? h : -1;

    public bool IsActive(uint256 hash)
    {
        var h = HeightOf(hash);
        return h >= 0 && h < ActiveChain.Length && ActiveChain[h].Hash == hash;
    }

    /// <summary>Builds the index from records in storage order (file, then offset). Duplicates keep the first copy.</summary>
    public static ChainIndex Build(IEnumerable<BlockRecord> recordsInFileOrder)
    {
        var order = new Dictionary<uint256, int>();
        var byHash = new Dictionary<uint256, BlockRecord>();
        var all = new List<BlockRecord>();
        foreach (var r in recordsInFileOrder)
        {
            if (byHash.TryAdd(r.Hash, r))
            {
                order[r.Hash] = all.Count;
                all.Add(r);
            }
        }

        var heights = new Dictionary<uint256, int>(all.Count);
        var work = new Dictionary<uint256, BigInteger>(all.Count);
        var path = new Stack<BlockRecord>();
        foreach (var start in all)
        {
            // Walk up iteratively to a block whose height is known (or genesis / a missing parent).
            var cursor = start;
            while (!heights.ContainsKey(cursor.Hash))
            {
                path.Push(cursor);
                if (cursor.PreviousHash == uint256.Zero || !byHash.TryGetValue(cursor.PreviousHash, out var parent))
                {
                    break;
                }

                cursor = parent;
            }

            while (path.Count > 0)
            {
                var r = path.Pop();
                if (r.PreviousHash == uint256.Zero)
                {
                    heights[r.Hash] = 0;
                    work[r.Hash] = BlockProof(r.Bits);
                }
                else if (heights.TryGetValue(r.PreviousHash, out var ph))
                {
                    heights[r.Hash] = ph + 1;
                    work[r.Hash] = work[r.PreviousHash] + BlockProof(r.Bits);
                }
            }
        }

        BlockRecord? best = null;
        foreach (var r in all)
        {
            if (work.TryGetValue(r.Hash, out var w) && (best is null || w > work[best.Hash]))
            {
                best = r;
            }
        }

        var active = new List<BlockRecord>();
        for (var c = best; c is not null; c = c.PreviousHash == uint256.Zero ? null : byHash[c.PreviousHash])
        {
            active.Add(c);
        }

        active.Reverse();
        var activeSet = active.Select(a => a.Hash).ToHashSet();
        var stale = all.Where(r => heights.ContainsKey(r.Hash) && !activeSet.Contains(r.Hash)).ToImmutableArray();
        var orphans = all.Where(r => !heights.ContainsKey(r.Hash)).ToImmutableArray();
        return new ChainIndex(byHash, heights, [.. active], stale, orphans);
    }

    /// <summary>Work of one block: 2^256 / (target + 1); zero for an invalid compact target.</summary>
    public static BigInteger BlockProof(uint bits)
    {
        // src/arith_uint256.cpp SetCompact: "nSize = nCompact >> 24; nWord = nCompact & 0x007fffff", negative if 0x00800000.
        var size = (int)(bits >> 24);
        BigInteger mantissa = bits & 0x007fffff;
        if ((bits & 0x00800000) != 0)
        {
            return BigInteger.Zero;
        }

        var target = size <= 3 ? mantissa >> (8 * (3 - size)) : mantissa << (8 * (size - 3));
        return target.Sign <= 0 ? BigInteger.Zero : (BigInteger.One << 256) / (target + 1);
    }
}
