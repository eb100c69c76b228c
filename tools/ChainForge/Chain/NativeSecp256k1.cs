using System.Runtime.InteropServices;
using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>
/// Optional acceleration of ECDSA signing with the system's libsecp256k1 (Debian package libsecp256k1-1), about 5 to 8
/// times faster than NBitcoin's managed port. Both use RFC 6979 nonces without extra entropy, so the signatures are
/// byte-identical (a test checks it) and the forge's output does not depend on the machine. Disabled with
/// FORGE_NATIVE_SECP256K1=0 or when the library is absent. API: https://github.com/bitcoin-core/secp256k1/blob/master/include/secp256k1.h
/// </summary>
internal static partial class NativeSecp256k1
{
    private const string Library = "libsecp256k1.so.1";
    // secp256k1.h: SECP256K1_CONTEXT_SIGN = (1 << 0) | (1 << 9).
    private const uint ContextSign = 0x0201;
    private static readonly Lazy<IntPtr> Context = new(Create);

    public static bool IsAvailable => Context.Value != IntPtr.Zero;

    /// <summary>DER signature of <paramref name="hash"/> (low S, RFC 6979), or null when the library is unavailable.</summary>
    public static byte[]? SignDer(Key key, uint256 hash)
    {
        var ctx = Context.Value;
        if (ctx == IntPtr.Zero)
        {
            return null;
        }

        Span<byte> secret = stackalloc byte[32];
        key.ToBytes().CopyTo(secret);
        Span<byte> message = stackalloc byte[32];
        hash.ToBytes(message);
        Span<byte> signature = stackalloc byte[64];
        Span<byte> der = stackalloc byte[72];
        nuint length = 72;
        if (SecpEcdsaSign(ctx, signature, message, secret, IntPtr.Zero, IntPtr.Zero) != 1
            || SecpSerializeDer(ctx, der, ref length, signature) != 1)
        {
            throw new InvalidOperationException("libsecp256k1 failed to sign.");
        }

        secret.Clear();
        return der[..(int)length].ToArray();
    }

    private static IntPtr Create()
    {
        if (Environment.GetEnvironmentVariable("FORGE_NATIVE_SECP256K1") == "0" || !NativeLibrary.TryLoad(Library, out _))
        {
            return IntPtr.Zero;
        }

        try
        {
            return SecpContextCreate(ContextSign);
        }
        catch (EntryPointNotFoundException)
        {
            return IntPtr.Zero;
        }
    }

    [LibraryImport(Library, EntryPoint = "secp256k1_context_create")]
    private static partial IntPtr SecpContextCreate(uint flags);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_sign")]
    private static partial int SecpEcdsaSign(IntPtr ctx, Span<byte> signature, ReadOnlySpan<byte> msg32, ReadOnlySpan<byte> seckey, IntPtr noncefp, IntPtr ndata);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_signature_serialize_der")]
    private static partial int SecpSerializeDer(IntPtr ctx, Span<byte> output, ref nuint outputLength, ReadOnlySpan<byte> signature);
}
