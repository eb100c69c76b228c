namespace Explorer.Indexer.Pipeline;

/// <summary>A condition retrying cannot fix (a reorg onto a block never indexed, no common block with the source).</summary>
public class IndexerException : Exception
{
    public IndexerException(string message) : base(message) { }
    public IndexerException(string message, Exception inner) : base(message, inner) { }
    public IndexerException() { }
}
