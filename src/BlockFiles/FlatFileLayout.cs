namespace Explorer.BlockFiles;

/// <summary>
/// Sizes and names of Core's flat block files. Source: Bitcoin Core src/node/blockstorage.h
/// (<c>MAX_BLOCKFILE_SIZE = 0x8000000</c> "128 MiB", <c>BLOCKFILE_CHUNK_SIZE = 0x1000000</c> "16 MiB",
/// <c>UNDOFILE_CHUNK_SIZE = 0x100000</c> "1 MiB", <c>STORAGE_HEADER_BYTES</c> = magic + size,
/// <c>UNDO_DATA_DISK_OVERHEAD</c> = header + uint256 checksum) and src/node/blockstorage.cpp
/// (<c>BlockFileSeq()</c> = "blk", <c>UndoFileSeq()</c> = "rev"), src/flatfile.cpp (<c>"%s%05u.dat"</c>).
/// </summary>
public static class FlatFileLayout
{
    public const int MaxBlockFileSize = 0x8000000;
    public const int BlockFileChunkSize = 0x1000000;
    public const int UndoFileChunkSize = 0x100000;
    public const int StorageHeaderBytes = 8;
    public const int ChecksumBytes = 32;
    public const int UndoDataDiskOverhead = StorageHeaderBytes + ChecksumBytes;
    public const int BlockHeaderBytes = 80;
    /// <summary>src/consensus/consensus.h MAX_BLOCK_SERIALIZED_SIZE: a larger record size is corruption.</summary>
    public const int MaxBlockSerializedSize = 4_000_000;

    public static string BlockFileName(int file) => $"blk{file:D5}.dat";

    public static string UndoFileName(int file) => $"rev{file:D5}.dat";

    /// <summary>File numbers of the blk files present in a folder, ascending.</summary>
    public static IReadOnlyList<int> BlockFileNumbers(string directory)
    {
        var numbers = new List<int>();
        foreach (var path in Directory.EnumerateFiles(directory, "blk*.dat"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.Length == 8 && int.TryParse(name.AsSpan(3), out var n))
            {
                numbers.Add(n);
            }
        }

        numbers.Sort();
        return numbers;
    }
}
