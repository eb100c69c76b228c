namespace Explorer.Web.Services.Indexed;

/// <summary>An indexed block and its colored transactions.</summary>
public sealed record IndexedBlockDetail(IndexedBlock Block, IReadOnlyList<BlockColoredTx> Transactions, uint TipHeight)
{
    public uint Confirmations => TipHeight >= Block.Height ? TipHeight - Block.Height + 1 : 0;
}
