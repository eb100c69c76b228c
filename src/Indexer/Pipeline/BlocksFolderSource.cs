using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>The active chain of a Bitcoin Core blocks folder (stale blocks skipped), previous outputs from the undo files.</summary>
public sealed class BlocksFolderSource(BlocksFolderReader reader) : IBlockSource
{
    public static BlocksFolderSource Open(string directory, ImmutableMagic magic) => new(BlocksFolderReader.Open(directory, magic));

    public int TipHeight => reader.Chain.ActiveChain.Length - 1;

    public uint256? HashAt(int height) =>
        height >= 0 && height < reader.Chain.ActiveChain.Length ? reader.Chain.ActiveChain[height].Hash : null;

    public IEnumerable<ChainBlock> Read(int fromHeight, CancellationToken ct)
    {
        foreach (var block in reader.ReadActiveChain(fromHeight))
        {
            ct.ThrowIfCancellationRequested();
            yield return block;
        }
    }

    public void Dispose() => reader.Dispose();
}
