namespace Explorer.Protocols.Counterparty;

/// <summary>
/// An ARC4 key with its key schedule computed once: every output of a transaction is decrypted with a fresh stream
/// of the same key ("a fresh ARC4 stream is started for each output"), so the schedule is shared and only the
/// keystream generation runs per output.
/// </summary>
public sealed class Arc4Key
{
    private readonly byte[] _state = new byte[256];

    public Arc4Key(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty) throw new ArgumentException("ARC4 key must not be empty", nameof(key));
        Span<byte> state = _state;
        for (var i = 0; i < 256; i++) state[i] = (byte)i;
        // The key repeats over the 256 steps; its position wraps by comparison (a division per step was most of the
        // schedule's cost, which every Counterparty candidate pays once).
        var j = 0;
        var k = 0;
        for (var i = 0; i < 256; i++)
        {
            j = (j + state[i] + key[k]) & 0xFF;
            (state[i], state[j]) = (state[j], state[i]);
            if (++k == key.Length) k = 0;
        }
    }

    /// <summary>Encrypts or decrypts <paramref name="input"/> with a fresh stream (same result as <see cref="Arc4.Apply"/>).</summary>
    public byte[] Apply(ReadOnlySpan<byte> input)
    {
        Span<byte> s = stackalloc byte[256];
        _state.CopyTo(s);
        var output = new byte[input.Length];
        int x = 0, y = 0;
        for (var k = 0; k < input.Length; k++)
        {
            x = (x + 1) & 0xFF;
            y = (y + s[x]) & 0xFF;
            (s[x], s[y]) = (s[y], s[x]);
            output[k] = (byte)(input[k] ^ s[(s[x] + s[y]) & 0xFF]);
        }
        return output;
    }
}
