using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>The parallel stage: parse a block and run the carrier prefilter on each transaction. Pure.</summary>
public static class BlockParser
{
    /// <exception cref="MalformedBlockException">The bytes do not parse, or the transactions do not hash to the
    /// header's merkle root (the record's hash is its header's, so damaged transactions show only there).</exception>
    public static ParsedBlock Parse(ChainBlock source, Network network)
    {
        ArgumentNullException.ThrowIfNull(source);
        Block block;
        try
        {
            block = Block.Load(source.Block, network);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or EndOfStreamException or IOException or OverflowException
                                       or IndexOutOfRangeException or InvalidOperationException or NotSupportedException)
        {
            throw MalformedBlockException.For(source.Record, source.Height, $"does not parse ({ex.GetType().Name}: {ex.Message})", ex);
        }
        var carriers = new bool[block.Transactions.Count];
        for (var i = 0; i < carriers.Length; i++)
        {
            block.Transactions[i].PrecomputeHash(invalidateExisting: false, lazily: false);
            carriers[i] = CarrierPrefilter.HasCarrier(block.Transactions[i]);
        }
        // Bitcoin Core's CheckBlock: "hashMerkleRoot mismatch" (consensus/merkle.cpp BlockMerkleRoot over the txids).
        if (!block.CheckMerkleRoot())
            throw MalformedBlockException.For(source.Record, source.Height, "its transactions do not hash to the header's merkle root");
        return new ParsedBlock(source, block, source.Record.Hash, carriers);
    }
}
