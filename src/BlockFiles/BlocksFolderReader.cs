using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using NBitcoin;

namespace Explorer.BlockFiles;

/// <summary>
/// Reads a Bitcoin Core blocks folder (blk?????.dat, rev?????.dat, xor.dat): block records in storage order, the
/// best chain ordered by previous-hash linkage (stale blocks set aside), and each block's undo data, matched to its
/// rev record by the record's checksum (double SHA-256 of the previous block hash and the undo data) and counts.
/// Files are read with positioned reads (no whole-file buffering); all reads are thread-safe.
/// Formats: Bitcoin Core src/node/blockstorage.cpp (<c>WriteBlock</c>, <c>WriteBlockUndo</c>), src/undo.h,
/// src/compressor.h, src/serialize.h, src/streams.h (obfuscation).
/// </summary>
public sealed class BlocksFolderReader : IDisposable
{
    private readonly ConcurrentDictionary<string, SafeFileHandle?> _handles = new();
    private bool _disposed;
    private readonly Dictionary<int, UndoMatcher> _undo = [];
    private readonly Lock _undoLock = new();
    private readonly List<BlockRecord> _blocks = [];
    private ChainIndex? _chain;
    private ILookup<uint256, BlockRecord>? _children;

    private BlocksFolderReader(string directory, MessageStart magic, Obfuscation obfuscation)
    {
        Directory = directory;
        Magic = magic;
        Obfuscation = obfuscation;
    }

    public string Directory { get; }

    public MessageStart Magic { get; }

    public Obfuscation Obfuscation { get; }

    /// <summary>Opens a blocks folder and scans the headers of every block record (cheap: 97 bytes read per block).</summary>
    public static BlocksFolderReader Open(string blocksDirectory, MessageStart magic)
    {
        if (!System.IO.Directory.Exists(blocksDirectory))
        {
            throw new DirectoryNotFoundException($"No blocks folder at {blocksDirectory}.");
        }

        var reader = new BlocksFolderReader(blocksDirectory, magic, Obfuscation.Load(blocksDirectory));
        foreach (var file in FlatFileLayout.BlockFileNumbers(blocksDirectory))
        {
            reader._blocks.AddRange(reader.ScanBlockFile(file));
        }

        return reader;
    }

    /// <summary>Every block record, in storage (arrival) order, stale ones included.</summary>
    public IReadOnlyList<BlockRecord> Blocks => _blocks;

    /// <summary>The chain ordering (built on first use).</summary>
    public ChainIndex Chain => _chain ??= ChainIndex.Build(_blocks);

    /// <summary>Reads the serialized block of a record, de-obfuscated.</summary>
    public byte[] ReadBlock(BlockRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var bytes = new byte[record.Size];
        ReadBlock(record, bytes);
        return bytes;
    }

    /// <summary>Reads the serialized block of a record into the first <c>record.Size</c> bytes of
    /// <paramref name="destination"/>, de-obfuscated.</summary>
    public void ReadBlock(BlockRecord record, byte[] destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Length < record.Size) throw new ArgumentException("the buffer is smaller than the block", nameof(destination));
        ReadExactly(FlatFileLayout.BlockFileName(record.File), destination.AsMemory(0, record.Size), record.DataOffset);
        Obfuscation.Apply(destination.AsSpan(0, record.Size), record.DataOffset);
    }

    /// <summary>Reads <c>destination.Length</c> bytes of a record's serialized block from <paramref name="offset"/> in
    /// the block on, de-obfuscated: a part of a block wanted again after its bytes were given back. Also after
    /// <see cref="Dispose"/> (the indexer's reveal-source cache outlives the pass whose reader read the block): the
    /// file is then opened for this read only.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the block.</exception>
    /// <exception cref="EndOfStreamException">The file ends before it.</exception>
    /// <exception cref="FileNotFoundException">The file is gone.</exception>
    public void ReadBlockBytes(BlockRecord record, int offset, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (offset < 0 || (long)offset + destination.Length > record.Size)
            throw new ArgumentOutOfRangeException(nameof(offset), $"bytes {offset}..{offset + destination.Length} are not inside a {record.Size}-byte block");
        var name = FlatFileLayout.BlockFileName(record.File);
        if (Volatile.Read(ref _disposed))
        {
            using var handle = File.OpenHandle(Path.Combine(Directory, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            ReadExactly(handle, name, destination, record.DataOffset + offset);
        }
        else
        {
            ReadExactly(name, destination, record.DataOffset + offset);
        }
        Obfuscation.Apply(destination, record.DataOffset + offset);
    }

    /// <summary>The undo records of rev file <paramref name="file"/>, in storage order.</summary>
    public IReadOnlyList<UndoRecord> UndoRecords(int file) => Matcher(file).Records;

    /// <summary>
    /// Finds and reads the undo data of a block (its rev record in the same file number, whose checksum matches
    /// the block's previous hash). False when the block has none (genesis, or never connected by the node).
    /// </summary>
    public bool TryReadUndo(BlockRecord block, out BlockUndo undo, out UndoRecord? record) =>
        TryReadUndo(block, null, out undo, out record, out _);

    /// <summary>Like <see cref="TryReadUndo(BlockRecord, out BlockUndo, out UndoRecord?)"/>, the payload read into an
    /// array lent from <paramref name="pool"/> (<paramref name="lent"/>: give it back once the undo data is no longer
    /// read; null when nothing was lent).</summary>
    public bool TryReadUndo(BlockRecord block, System.Buffers.ArrayPool<byte>? pool, out BlockUndo undo, out UndoRecord? record, out byte[]? lent)
    {
        ArgumentNullException.ThrowIfNull(block);
        undo = new BlockUndo([]);
        record = null;
        lent = null;
        if (block.PreviousHash == uint256.Zero)
        {
            return false;
        }

        var matcher = Matcher(block.File);
        byte[]? data;
        lock (_undoLock)
        {
            data = matcher.Match(block, this, out record, pool);
        }

        if (data is null)
        {
            return false;
        }

        lent = pool is null ? null : data;
        // Checked structurally here, parsed per transaction when asked (BlockUndo.ForTransaction).
        if (!BlockUndo.TryFromSerialized(data.AsMemory(0, record!.Size), out undo, out var error))
        {
            if (lent is not null) pool!.Return(lent);
            lent = null;
            throw new InvalidDataException($"{FlatFileLayout.UndoFileName(block.File)} at {record.DataOffset}: {error}.");
        }

        return true;
    }

    /// <summary>
    /// The active chain from <paramref name="fromHeight"/> to the tip, each block with its undo data (null for genesis).
    /// A non-genesis block without undo record has not been connected by the node (a running node stores blocks
    /// before it validates them): with <paramref name="stopAtMissingUndo"/> the sequence ends before it, otherwise
    /// it throws <see cref="InvalidDataException"/>.
    /// </summary>
    public IEnumerable<ChainBlock> ReadActiveChain(int fromHeight = 0, bool stopAtMissingUndo = false)
    {
        var chain = Chain.ActiveChain;
        for (var h = Math.Max(0, fromHeight); h < chain.Length; h++)
        {
            var record = chain[h];
            BlockUndo? undo = null;
            if (h > 0)
            {
                if (!TryReadUndo(record, out var u, out _))
                {
                    if (stopAtMissingUndo)
                    {
                        yield break;
                    }

                    throw new InvalidDataException($"No undo record for block {record.Hash} at height {h}.");
                }

                undo = u;
            }

            yield return new ChainBlock(h, record, ReadBlock(record), undo);
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        foreach (var handle in _handles.Values)
        {
            handle?.Dispose();
        }

        _handles.Clear();
    }

    internal byte[] ReadUndoPayload(UndoRecord record, out uint256 checksum, System.Buffers.ArrayPool<byte>? pool = null)
    {
        // Two reads rather than one and a copy: the payload array is handed on as is (lent from the pool when one is
        // given: it may then be longer than the payload).
        var name = FlatFileLayout.UndoFileName(record.File);
        var bytes = pool is null ? new byte[record.Size] : pool.Rent(record.Size);
        var payload = bytes.AsSpan(0, record.Size);
        ReadExactly(name, payload, record.DataOffset);
        Obfuscation.Apply(payload, record.DataOffset);
        Span<byte> sum = stackalloc byte[FlatFileLayout.ChecksumBytes];
        ReadExactly(name, sum, record.DataOffset + record.Size);
        Obfuscation.Apply(sum, record.DataOffset + record.Size);
        checksum = new uint256(sum);
        return bytes;
    }

    /// <summary>Blocks of the same file as <paramref name="block"/> with its parent and transaction count (itself included), in arrival order.</summary>
    internal IReadOnlyList<BlockRecord> SiblingsInFile(BlockRecord block)
    {
        _children ??= _blocks.ToLookup(b => b.PreviousHash);
        return _children[block.PreviousHash]
            .Where(b => b.File == block.File && b.TransactionCount == block.TransactionCount)
            .DistinctBy(b => b.Hash)
            .ToList();
    }

    /// <summary>Checksum of an undo record: SHA256d(previous block hash || undo data).</summary>
    public static uint256 UndoChecksum(uint256 previousHash, ReadOnlySpan<byte> undoData)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> prev = stackalloc byte[32];
        previousHash.ToBytes(prev);
        sha.AppendData(prev);
        sha.AppendData(undoData);
        Span<byte> first = stackalloc byte[32];
        sha.GetHashAndReset(first);
        Span<byte> second = stackalloc byte[32];
        SHA256.HashData(first, second);
        return new uint256(second);
    }

    private List<BlockRecord> ScanBlockFile(int file)
    {
        var handle = Handle(FlatFileLayout.BlockFileName(file))!;
        Span<byte> hash = stackalloc byte[32];
        var list = new List<BlockRecord>();
        foreach (var (offset, size, head) in RecordScanner.Scan(handle, Magic, Obfuscation, 0,
                     FlatFileLayout.BlockHeaderBytes + 9, FlatFileLayout.MaxBlockSerializedSize))
        {
            if (head.Length < FlatFileLayout.BlockHeaderBytes + 1)
            {
                continue;
            }

            SHA256.HashData(head.AsSpan(0, FlatFileLayout.BlockHeaderBytes), hash);
            SHA256.HashData(hash, hash);
            var pos = FlatFileLayout.BlockHeaderBytes;
            CoreVarInt.TryReadCompactSize(head, ref pos, out var txCount);
            list.Add(new BlockRecord(file, offset, size, new uint256(hash), new uint256(head.AsSpan(4, 32)),
                BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(72)), BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(68)),
                (int)Math.Min(txCount, int.MaxValue)));
        }

        return list;
    }

    private UndoMatcher Matcher(int file)
    {
        lock (_undoLock)
        {
            if (!_undo.TryGetValue(file, out var matcher))
            {
                matcher = new UndoMatcher(ScanUndoFile(file));
                _undo[file] = matcher;
            }

            return matcher;
        }
    }

    private List<UndoRecord> ScanUndoFile(int file)
    {
        var list = new List<UndoRecord>();
        var name = FlatFileLayout.UndoFileName(file);
        var handle = Handle(name);
        if (handle is null)
        {
            return list;
        }

        var checksum = new byte[FlatFileLayout.ChecksumBytes];
        foreach (var (offset, size, head) in RecordScanner.Scan(handle, Magic, Obfuscation, FlatFileLayout.ChecksumBytes, 9, int.MaxValue - 64))
        {
            var pos = 0;
            if (!CoreVarInt.TryReadCompactSize(head, ref pos, out var txCount))
            {
                continue;
            }

            RandomAccess.Read(handle, checksum, offset + size);
            Obfuscation.Apply(checksum, offset + size);
            list.Add(new UndoRecord(file, offset, size, new uint256(checksum), (int)Math.Min(txCount, int.MaxValue)));
        }

        return list;
    }

    private void ReadExactly(string name, byte[] buffer, long offset) => ReadExactly(name, buffer.AsSpan(), offset);

    private void ReadExactly(string name, Memory<byte> buffer, long offset) => ReadExactly(name, buffer.Span, offset);

    private void ReadExactly(string name, Span<byte> buffer, long offset) =>
        ReadExactly(Handle(name) ?? throw new FileNotFoundException($"Missing {name} in {Directory}."), name, buffer, offset);

    private static void ReadExactly(SafeFileHandle handle, string name, Span<byte> buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer[done..], offset + done);
            if (n <= 0)
            {
                throw new EndOfStreamException($"{name} ends before offset {offset + buffer.Length}.");
            }

            done += n;
        }
    }

    private SafeFileHandle? Handle(string name) => _handles.GetOrAdd(name, n =>
    {
        var path = Path.Combine(Directory, n);
        return File.Exists(path)
            ? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.RandomAccess)
            : null;
    });
}
