using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>The parallel stage: parse a block and run the carrier prefilter on each transaction. Pure.</summary>
public static class BlockParser
{
    public static ParsedBlock Parse(ChainBlock source, Network network)
    {
        ArgumentNullException.ThrowIfNull(source);
        var block = Block.Load(source.Block, network);
        var carriers = new bool[block.Transactions.Count];
        for (var i = 0; i < carriers.Length; i++)
            carriers[i] = CarrierPrefilter.HasCarrier(block.Transactions[i]);
        return new ParsedBlock(source, block, source.Record.Hash, carriers);
    }
}
