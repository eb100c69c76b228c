using Explorer.BlockFiles;

namespace Explorer.Indexer.Pipeline;

/// <summary>The parallel stage: scan a block's raw bytes and run the carrier prefilter on each transaction. Pure.</summary>
public static class BlockParser
{
    /// <exception cref="InvalidDataException">The block's bytes are not a well-formed serialized block.</exception>
    public static ParsedBlock Parse(ChainBlock source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!RawBlockScanner.TryScan(source.Block, out var layout, out var error))
            throw new InvalidDataException($"Block {source.Record.Hash} at height {source.Height}: {error}.");
        return new ParsedBlock(source, source.Record.Hash, layout);
    }
}
