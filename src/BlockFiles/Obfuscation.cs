using System.Runtime.Intrinsics;

namespace Explorer.BlockFiles;

/// <summary>
/// The XOR obfuscation Bitcoin Core 28+ applies to blk/rev files: byte <c>i</c> of a file is XORed with
/// <c>key[i % 8]</c>, the key being the 8 bytes of <c>blocks/xor.dat</c> (all zero = no obfuscation).
/// Source: Bitcoin Core src/node/blockstorage.cpp (<c>InitBlocksdirXorKey</c>), src/streams.h / src/streams.cpp
/// (<c>AutoFile</c> applies <c>util::Xor(buf, m_xor, m_position)</c>; src/util/obfuscation.h since v30).
/// Preallocated regions are written by <c>AllocateFileRange</c>, not through AutoFile: they stay zero on disk.
/// </summary>
public sealed class Obfuscation
{
    public const int KeySize = 8;
    public const string FileName = "xor.dat";

    private readonly byte[] _key;

    public Obfuscation(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"An obfuscation key has {KeySize} bytes.", nameof(key));
        }

        _key = key.ToArray();
        IsIdentity = !key.ContainsAnyExcept((byte)0);
    }

    public static Obfuscation None { get; } = new(new byte[KeySize]);

    public bool IsIdentity { get; }

    public ReadOnlySpan<byte> Key => _key;

    /// <summary>Reads <c>xor.dat</c> from a blocks folder; absent (Core before 28) means no obfuscation.</summary>
    public static Obfuscation Load(string blocksDirectory)
    {
        var path = Path.Combine(blocksDirectory, FileName);
        if (!File.Exists(path))
        {
            return None;
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != KeySize)
        {
            throw new InvalidDataException($"{path} must hold {KeySize} bytes, found {key.Length}.");
        }

        return new Obfuscation(key);
    }

    /// <summary>XORs <paramref name="data"/> in place, <paramref name="fileOffset"/> being the file position of data[0].</summary>
    public void Apply(Span<byte> data, long fileOffset)
    {
        if (IsIdentity)
        {
            return;
        }

        // Build an 8-byte key rotated to the start offset, then XOR 8 bytes at a time.
        Span<byte> rotated = stackalloc byte[KeySize];
        var shift = (int)(fileOffset % KeySize);
        for (var i = 0; i < KeySize; i++)
        {
            rotated[i] = _key[(shift + i) % KeySize];
        }

        var word = BitConverter.ToUInt64(rotated);
        var whole = data.Length / KeySize * KeySize;
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data[..whole]);
        var done = 0;
        // The key repeats every 8 bytes, so a vector of the rotated word XORs 32 or 64 bytes at a time.
        if (Vector512.IsHardwareAccelerated && words.Length >= Vector512<ulong>.Count)
        {
            var key = Vector512.Create(word);
            for (; done <= words.Length - Vector512<ulong>.Count; done += Vector512<ulong>.Count)
            {
                var slice = words.Slice(done, Vector512<ulong>.Count);
                (Vector512.Create((ReadOnlySpan<ulong>)slice) ^ key).CopyTo(slice);
            }
        }
        else if (Vector256.IsHardwareAccelerated && words.Length >= Vector256<ulong>.Count)
        {
            var key = Vector256.Create(word);
            for (; done <= words.Length - Vector256<ulong>.Count; done += Vector256<ulong>.Count)
            {
                var slice = words.Slice(done, Vector256<ulong>.Count);
                (Vector256.Create((ReadOnlySpan<ulong>)slice) ^ key).CopyTo(slice);
            }
        }

        for (var i = done; i < words.Length; i++)
        {
            words[i] ^= word;
        }

        for (var i = whole; i < data.Length; i++)
        {
            data[i] ^= rotated[i % KeySize];
        }
    }
}
