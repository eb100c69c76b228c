using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Explorer.BlockFiles;

/// <summary>
/// Walks the records of one flat file (blk or rev): <c>magic(4) size(4 LE) payload(size) [checksum(32) for rev]</c>.
/// Preallocated space is zero on disk and not obfuscated, so the end of the records is detected on the RAW bytes
/// (four zero bytes where a magic would be). A corrupt record (wrong magic, absurd size) makes the scanner search
/// forward for the next magic, the way Core's <c>LoadExternalBlockFile</c> (src/validation.cpp) resynchronises.
/// </summary>
internal static class RecordScanner
{
    private const int ResyncWindow = 1 << 20;

    /// <summary>Yields (payloadOffset, payloadSize, head) where head holds up to headBytes de-obfuscated payload bytes.</summary>
    public static IEnumerable<(long Offset, int Size, byte[] Head)> Scan(
        SafeFileHandle handle, ImmutableMagic magic, Obfuscation obfuscation, int trailerBytes, int headBytes, int maxSize)
    {
        var length = RandomAccess.GetLength(handle);
        var header = new byte[FlatFileLayout.StorageHeaderBytes];
        var magicValue = magic.Value;
        long pos = 0;
        while (pos + FlatFileLayout.StorageHeaderBytes <= length)
        {
            if (RandomAccess.Read(handle, header, pos) < header.Length)
            {
                yield break;
            }

            // Preallocated region (zero-filled on disk, never obfuscated): no more records in this file.
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) == 0)
            {
                yield break;
            }

            obfuscation.Apply(header, pos);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != magicValue || size == 0 || size > (uint)maxSize
                || pos + FlatFileLayout.StorageHeaderBytes + size + trailerBytes > length)
            {
                var next = FindMagic(handle, magic, obfuscation, pos + 1, length);
                if (next < 0)
                {
                    yield break;
                }

                pos = next;
                continue;
            }

            var dataOffset = pos + FlatFileLayout.StorageHeaderBytes;
            var head = new byte[Math.Min(headBytes, (int)size)];
            RandomAccess.Read(handle, head, dataOffset);
            obfuscation.Apply(head, dataOffset);
            yield return (dataOffset, (int)size, head);
            pos = dataOffset + size + trailerBytes;
        }
    }

    private static long FindMagic(SafeFileHandle handle, ImmutableMagic magic, Obfuscation obfuscation, long from, long length)
    {
        var window = new byte[ResyncWindow + 3];
        Span<byte> pattern = stackalloc byte[4];
        magic.CopyTo(pattern);
        ReadOnlySpan<byte> eightZeros = [0, 0, 0, 0, 0, 0, 0, 0];
        for (var start = from; start < length; start += ResyncWindow)
        {
            var read = RandomAccess.Read(handle, window, start);
            if (read < 4)
            {
                return -1;
            }

            // With a real key, eight zero raw bytes mean preallocated space: stop there.
            var span = window.AsSpan(0, read);
            var zeros = obfuscation.IsIdentity ? -1 : span.IndexOf(eightZeros);
            obfuscation.Apply(span, start);
            var limit = zeros >= 0 ? zeros : read;
            var at = span[..limit].IndexOf(pattern);
            if (at >= 0)
            {
                return start + at;
            }

            if (zeros >= 0)
            {
                return -1;
            }
        }

        return -1;
    }
}
