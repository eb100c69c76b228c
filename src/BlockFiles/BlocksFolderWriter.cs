using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using NBitcoin;

namespace Explorer.BlockFiles;

/// <summary>
/// Writes a blocks folder the way Bitcoin Core does (src/node/blockstorage.cpp):
/// <list type="bullet">
/// <item><c>WriteBlock</c>: "fileout &lt;&lt; GetParams().MessageStart() &lt;&lt; nSize; fileout &lt;&lt; TX_WITH_WITNESS(block)" in
/// blk?????.dat, appended in arrival order; <c>FindNextBlockPos</c> moves to the next file "while (m_blockfile_info[nFile].nSize + nAddSize &gt;= max_blockfile_size)"
/// and the finished file is truncated to its size (<c>FlushBlockFile(fFinalize=true)</c>, src/flatfile.cpp <c>TruncateFile</c>).</item>
/// <item><c>WriteBlockUndo</c>: magic, size, CBlockUndo, then SHA256d(prev block hash || undo) into rev?????.dat with the
/// block's file number.</item>
/// <item>Space is preallocated in chunks (src/flatfile.cpp <c>FlatFileSeq::Allocate</c>: "n_new_chunks &gt; n_old_chunks" →
/// <c>AllocateFileRange</c>), zero-filled on disk and not obfuscated; everything written through AutoFile is XORed with
/// the xor.dat key at its file position (src/streams.h).</item>
/// </list>
/// Not thread-safe.
/// </summary>
public sealed class BlocksFolderWriter : IDisposable
{
    private readonly ImmutableMagic _magic;
    private readonly BlocksFolderWriterOptions _options;
    private readonly List<long> _blockSizes = [];
    private readonly List<long> _undoSizes = [];
    private readonly Dictionary<string, SafeFileHandle> _handles = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private bool _disposed;

    public BlocksFolderWriter(string blocksDirectory, ImmutableMagic magic, ReadOnlySpan<byte> xorKey, BlocksFolderWriterOptions? options = null)
    {
        Directory = blocksDirectory;
        _magic = magic;
        _options = options ?? new BlocksFolderWriterOptions();
        System.IO.Directory.CreateDirectory(blocksDirectory);
        if (FlatFileLayout.BlockFileNumbers(blocksDirectory).Count > 0)
        {
            throw new IOException($"{blocksDirectory} already holds block files.");
        }

        Obfuscation = new Obfuscation(xorKey);
        // blockstorage.cpp InitBlocksdirXorKey: the key is written to xor.dat (unobfuscated) when the folder is created.
        File.WriteAllBytes(Path.Combine(blocksDirectory, Obfuscation.FileName), xorKey.ToArray());
        _blockSizes.Add(0);
        _undoSizes.Add(0);
    }

    public string Directory { get; }

    public Obfuscation Obfuscation { get; }

    /// <summary>Number of the blk file receiving new blocks.</summary>
    public int CurrentFile => _blockSizes.Count - 1;

    /// <summary>Total bytes of records written (blocks and undo, headers and checksums included).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Appends a serialized block (with witnesses) to the current blk file, rolling to a new file when full.</summary>
    public FlatFilePosition WriteBlock(ReadOnlySpan<byte> block)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var add = block.Length + FlatFileLayout.StorageHeaderBytes;
        var file = CurrentFile;
        if (_blockSizes[file] + add >= _options.MaxBlockFileSize && _blockSizes[file] > 0)
        {
            // Finalize the full file: truncate blk (and rev) to what they hold.
            Truncate(FlatFileLayout.BlockFileName(file), _blockSizes[file]);
            Truncate(FlatFileLayout.UndoFileName(file), _undoSizes[file]);
            _blockSizes.Add(0);
            _undoSizes.Add(0);
            file++;
        }

        var pos = _blockSizes[file];
        _blockSizes[file] += add;
        var name = FlatFileLayout.BlockFileName(file);
        Allocate(name, pos, add, _options.BlockFileChunkSize);
        _buffer.ResetWrittenCount();
        var span = _buffer.GetSpan(add);
        _magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)block.Length);
        block.CopyTo(span[FlatFileLayout.StorageHeaderBytes..]);
        Write(name, span[..add], pos);
        return new FlatFilePosition(file, pos + FlatFileLayout.StorageHeaderBytes);
    }

    /// <summary>
    /// Appends the undo data of a block stored in blk file <paramref name="blockFile"/> to rev file of the same number.
    /// Call it when the block is connected (Core writes undo in connection order, not arrival order).
    /// </summary>
    public FlatFilePosition WriteUndo(int blockFile, uint256 previousBlockHash, BlockUndo undo)
    {
        _buffer.ResetWrittenCount();
        _buffer.Advance(FlatFileLayout.StorageHeaderBytes);
        UndoSerializer.Write(_buffer, undo);
        var size = _buffer.WrittenCount - FlatFileLayout.StorageHeaderBytes;
        var checksum = BlocksFolderReader.UndoChecksum(previousBlockHash, _buffer.WrittenSpan[FlatFileLayout.StorageHeaderBytes..]);
        checksum.ToBytes(_buffer.GetSpan(FlatFileLayout.ChecksumBytes)[..FlatFileLayout.ChecksumBytes]);
        _buffer.Advance(FlatFileLayout.ChecksumBytes);
        return WriteUndoRecord(blockFile, size);
    }

    /// <summary>Appends already-serialized undo data (the <c>size</c> bytes of a rev record) with its checksum.</summary>
    public FlatFilePosition WriteUndo(int blockFile, uint256 previousBlockHash, ReadOnlySpan<byte> undoData)
    {
        _buffer.ResetWrittenCount();
        var span = _buffer.GetSpan(undoData.Length + FlatFileLayout.UndoDataDiskOverhead);
        undoData.CopyTo(span[FlatFileLayout.StorageHeaderBytes..]);
        BlocksFolderReader.UndoChecksum(previousBlockHash, undoData).ToBytes(span.Slice(FlatFileLayout.StorageHeaderBytes + undoData.Length, 32));
        _buffer.Advance(undoData.Length + FlatFileLayout.UndoDataDiskOverhead);
        return WriteUndoRecord(blockFile, undoData.Length);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Files before the current one are finalized (a rev file may have been extended after its blk file rolled).
        for (var f = 0; f < CurrentFile; f++)
        {
            Truncate(FlatFileLayout.BlockFileName(f), _blockSizes[f]);
            Truncate(FlatFileLayout.UndoFileName(f), _undoSizes[f]);
        }

        foreach (var handle in _handles.Values)
        {
            handle.Dispose();
        }

        _handles.Clear();
    }

    private FlatFilePosition WriteUndoRecord(int blockFile, int size)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (blockFile < 0 || blockFile > CurrentFile)
        {
            throw new ArgumentOutOfRangeException(nameof(blockFile));
        }

        Span<byte> record = _buffer.WrittenSpan.ToArray();
        _magic.CopyTo(record);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)size);
        var pos = _undoSizes[blockFile];
        _undoSizes[blockFile] += record.Length;
        var name = FlatFileLayout.UndoFileName(blockFile);
        Allocate(name, pos, record.Length, _options.UndoFileChunkSize);
        Write(name, record, pos);
        return new FlatFilePosition(blockFile, pos + FlatFileLayout.StorageHeaderBytes);
    }

    private void Allocate(string name, long pos, long add, int chunk)
    {
        var oldChunks = (pos + chunk - 1) / chunk;
        var newChunks = (pos + add + chunk - 1) / chunk;
        if (newChunks > oldChunks)
        {
            var handle = Handle(name);
            var size = newChunks * chunk;
            if (RandomAccess.GetLength(handle) < size)
            {
                RandomAccess.SetLength(handle, size);
            }
        }
    }

    private void Write(string name, Span<byte> data, long pos)
    {
        Obfuscation.Apply(data, pos);
        RandomAccess.Write(Handle(name), data, pos);
        BytesWritten += data.Length;
    }

    private void Truncate(string name, long size)
    {
        var handle = Handle(name);
        if (RandomAccess.GetLength(handle) != size)
        {
            RandomAccess.SetLength(handle, size);
        }
    }

    private SafeFileHandle Handle(string name)
    {
        if (!_handles.TryGetValue(name, out var handle))
        {
            handle = File.OpenHandle(Path.Combine(Directory, name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            _handles[name] = handle;
        }

        return handle;
    }
}
