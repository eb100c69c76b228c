namespace Explorer.Web.Services;

/// <summary>One row of <c>indexer_progress</c>: how far an indexing source got.</summary>
public sealed record IndexerProgress(string Source, uint Height, string Hash, DateTime UpdatedAt);
