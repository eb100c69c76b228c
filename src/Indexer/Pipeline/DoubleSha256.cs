using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// Double SHA-256 (txids, merkle nodes) through OpenSSL's <c>SHA256_Init/Update/Final</c> on a context on the stack.
/// .NET's one-shot <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> fetches an EVP digest on every call:
/// about 0.5 µs of fixed cost against 0.1 µs of hashing for a 250-byte transaction, so hashing every txid of a block
/// and its merkle tree was three quarters of the parallel stage. The same libcrypto that .NET itself loads on Linux;
/// where it or these functions are missing, or its answer to a known vector is wrong, .NET's hashing is used instead.
/// </summary>
public static unsafe class DoubleSha256
{
    // sizeof(SHA256_CTX) is 112 bytes (openssl/sha.h: 8 + 2 + 16 + 2 words of 32 bits); rounded up.
    private const int ContextBytes = 128;

    private static readonly delegate* unmanaged<byte*, int> Init;
    private static readonly delegate* unmanaged<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged<byte*, byte*, int> Final;
    // SHA256_Transform (one 64-byte block into the context's state words; deprecated in OpenSSL 3 but exported): the
    // second hash of a double SHA-256 is one block, as is a merkle node's padding, so both skip Update/Final's buffering.
    private static readonly delegate* unmanaged<byte*, byte*, void> Transform;

    /// <summary>Whether OpenSSL's functions are used (printed by the bench verb).</summary>
    public static bool IsNative { get; }

    static DoubleSha256()
    {
        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.so" })
        {
            if (!NativeLibrary.TryLoad(name, out var library)) continue;
            if (NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                Init = (delegate* unmanaged<byte*, int>)init;
                Update = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
                Final = (delegate* unmanaged<byte*, byte*, int>)final;
                if (NativeLibrary.TryGetExport(library, "SHA256_Transform", out var transform))
                    Transform = (delegate* unmanaged<byte*, byte*, void>)transform;
                IsNative = true;
                break;
            }
        }
        if (!IsNative) return;
        // Known answer: the three-part path must equal .NET's hashing, or it is not used.
        ReadOnlySpan<byte> probe = "colored coins: double SHA-256 self-check"u8;
        Span<byte> ours = stackalloc byte[32];
        Span<byte> theirs = stackalloc byte[32];
        Hash(probe[..7], probe[7..20], probe[20..], ours);
        Managed(probe, [], [], theirs);
        IsNative = ours.SequenceEqual(theirs);
        if (!IsNative || Transform == null) return;
        // The block-level paths too: a txid and a merkle node, each against .NET's hashing; off when either differs.
        Span<byte> pair = stackalloc byte[64];
        for (var i = 0; i < 64; i++) pair[i] = (byte)(i * 7 + 1);
        Managed(pair, [], [], theirs);
        Transform = Pair(pair[..32], pair[32..], ours) && ours.SequenceEqual(theirs) ? Transform : null;
    }

    // SHA-256's initial state (FIPS 180-4 5.3.3), as SHA256_CTX holds it: eight native 32-bit words first.
    private static ReadOnlySpan<uint> InitialState =>
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    // The padding block of a 64-byte message (FIPS 180-4 5.1.1: 0x80, zeros, the length in bits, 512, big-endian).
    private static ReadOnlySpan<byte> PadAfter64 =>
    [
        0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0,
    ];

    /// <summary>A merkle node: SHA-256(SHA-256(<paramref name="left"/> || <paramref name="right"/>)), 32 bytes each, into
    /// <paramref name="output"/> (may overlap either). Three block transforms (Bitcoin Core's SHA256D64 does the same).</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> output)
    {
        if (left.Length != 32 || right.Length != 32 || output.Length < 32) throw new ArgumentException("32-byte hashes are needed");
        if (!Pair(left, right, output))
        {
            Span<byte> pair = stackalloc byte[64];
            left.CopyTo(pair);
            right.CopyTo(pair[32..]);
            Hash(pair, output);
        }
    }

    private static bool Pair(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> output)
    {
        if (Transform == null) return false;
        var context = stackalloc byte[ContextBytes];
        var block = stackalloc byte[64];
        left.CopyTo(new Span<byte>(block, 32));
        right.CopyTo(new Span<byte>(block + 32, 32));
        InitialState.CopyTo(new Span<uint>(context, 8));
        Transform(context, block);
        fixed (byte* pad = PadAfter64) Transform(context, pad);
        var words = new Span<uint>(context, 8);
        for (var i = 0; i < 8; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(block + i * 4, 4), words[i]);
        SecondHash(context, block, output);
        return true;
    }

    /// <summary>The second SHA-256 of a double hash: <paramref name="block"/> holds the first digest in its first 32
    /// bytes; padded to one block (0x80, zeros, 256 bits) and transformed from the initial state in
    /// <paramref name="context"/>; the state words big-endian are the output.</summary>
    private static void SecondHash(byte* context, byte* block, Span<byte> output)
    {
        var padded = new Span<byte>(block, 64);
        padded[32..].Clear();
        padded[32] = 0x80;
        padded[62] = 0x01; // 256 bits
        var words = new Span<uint>(context, 8);
        InitialState.CopyTo(words);
        Transform(context, block);
        for (var i = 0; i < 8; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(output[(i * 4)..], words[i]);
    }

    /// <summary>SHA-256(SHA-256(data)) into <paramref name="output"/> (32 bytes; may overlap the input).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output) => Hash(data, [], [], output);

    /// <summary>SHA-256(SHA-256(a || b || c)): a transaction's txid from its version, body and lock time without copying
    /// them together.</summary>
    public static void Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> output)
    {
        if (output.Length < 32) throw new ArgumentException("32 bytes are needed", nameof(output));
        if (!IsNative)
        {
            Managed(a, b, c, output);
            return;
        }
        var context = stackalloc byte[ContextBytes];
        var first = stackalloc byte[32];
        fixed (byte* pa = a)
        fixed (byte* pb = b)
        fixed (byte* pc = c)
        fixed (byte* po = output)
        {
            Init(context);
            if (a.Length > 0) Update(context, pa, (nuint)a.Length);
            if (b.Length > 0) Update(context, pb, (nuint)b.Length);
            if (c.Length > 0) Update(context, pc, (nuint)c.Length);
            if (Transform != null)
            {
                var block = stackalloc byte[64];
                Final(block, context);
                SecondHash(context, block, output);
                return;
            }
            Final(first, context);
            Init(context);
            Update(context, first, 32);
            Final(po, context);
        }
    }

    private static void Managed(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> output)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(a);
        hash.AppendData(b);
        hash.AppendData(c);
        Span<byte> first = stackalloc byte[32];
        hash.GetHashAndReset(first);
        SHA256.HashData(first, output);
    }
}
