namespace Explorer.Protocols.Counterparty;

/// <summary>
/// ARC4 (RC4) stream cipher over spans. .NET's System.Security.Cryptography has no RC4, and Counterparty needs it:
/// "ARC4 key = the 32 bytes of the txid of the output spent by input 0, in display order; a fresh ARC4 stream is
/// started for each output" (../shared/docs/protocols.md 3.1; counterparty-core gettxinfo.py uses <c>ARC4(key)</c>).
/// Encryption and decryption are the same operation.
/// </summary>
public static class Arc4
{
    /// <summary>XORs <paramref name="input"/> with the ARC4 key stream of <paramref name="key"/> into
    /// <paramref name="output"/> (same length; the two may be the same span).</summary>
    public static void Transform(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (key.IsEmpty) throw new ArgumentException("ARC4 key must not be empty", nameof(key));
        if (output.Length < input.Length) throw new ArgumentException("output shorter than input", nameof(output));
        Span<byte> s = stackalloc byte[256];
        for (var i = 0; i < 256; i++) s[i] = (byte)i;
        // Key scheduling algorithm.
        var j = 0;
        for (var i = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }
        // Pseudo-random generation, XORed into the data.
        int x = 0, y = 0;
        for (var k = 0; k < input.Length; k++)
        {
            x = (x + 1) & 0xFF;
            y = (y + s[x]) & 0xFF;
            (s[x], s[y]) = (s[y], s[x]);
            output[k] = (byte)(input[k] ^ s[(s[x] + s[y]) & 0xFF]);
        }
    }

    /// <summary>Returns a new array holding <paramref name="input"/> transformed with <paramref name="key"/>.</summary>
    public static byte[] Apply(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length];
        Transform(key, input, output);
        return output;
    }
}
