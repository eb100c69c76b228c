namespace Explorer.BlockFiles;

/// <summary>File sizes of a <see cref="BlocksFolderWriter"/>; Core's values by default (tests shrink them to roll files).</summary>
public sealed record BlocksFolderWriterOptions
{
    public int MaxBlockFileSize { get; init; } = FlatFileLayout.MaxBlockFileSize;
    public int BlockFileChunkSize { get; init; } = FlatFileLayout.BlockFileChunkSize;
    public int UndoFileChunkSize { get; init; } = FlatFileLayout.UndoFileChunkSize;
}
