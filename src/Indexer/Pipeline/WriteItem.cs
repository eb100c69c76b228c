using Explorer.Indexer.Storage;

namespace Explorer.Indexer.Pipeline;

/// <summary>What the state stage hands the writer: a block's rows, or a rollback to the parent of a new block
/// (answered with the fork height once everything before it is written and rolled back).</summary>
public abstract record WriteItem
{
    public sealed record Rows(BlockRows Block) : WriteItem;

    public sealed record Rollback(string ParentHash, TaskCompletionSource<int> Done) : WriteItem;
}
