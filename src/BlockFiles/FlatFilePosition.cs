namespace Explorer.BlockFiles;

/// <summary>Where a record's payload was written: file number and the offset of the payload (after magic and size).</summary>
public readonly record struct FlatFilePosition(int File, long DataOffset);
