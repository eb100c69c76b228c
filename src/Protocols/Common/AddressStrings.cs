using System.Collections.Concurrent;
using NBitcoin;

namespace Explorer.Protocols.Common;

/// <summary>
/// Address strings of scripts and hashes, remembered: a base-58 address costs a double SHA-256 and a big-number
/// division, and the same addresses come back in transaction after transaction (change, exchanges, an asset's
/// holders). A bounded memo per network (cleared when full), safe from several threads; the strings are NBitcoin's.
/// </summary>
public static class AddressStrings
{
    /// <summary>Entries kept per network before the memo starts over.</summary>
    public const int Capacity = 1 << 16;

    private const byte ScriptKind = 0, PubKeyHashKind = 1, ScriptHashKind = 2, OpenAssetsKind = 3;

    private static readonly ConcurrentDictionary<Network, Memo> ByNetwork = new();

    // The entries counted apart: ConcurrentDictionary.Count takes every lock of the table, and asking it at each new
    // address was a twentieth of the state stage.
    private sealed class Memo
    {
        public readonly ConcurrentDictionary<byte[], string?> Map = new(BytesComparer.Instance);
        public int Count;
    }

    /// <summary><c>script.GetDestinationAddress(network)?.ToString()</c>: null for a script without an address.</summary>
    public static string? OfScript(ReadOnlySpan<byte> script, Network network) =>
        Get(ScriptKind, script, network, static (bytes, n) => new Script(bytes).GetDestinationAddress(n)?.ToString());

    /// <summary>The P2PKH address of a 20-byte key hash.</summary>
    public static string PubKeyHash(ReadOnlySpan<byte> hash, Network network) =>
        Get(PubKeyHashKind, hash, network, static (bytes, n) => new KeyId(bytes).GetAddress(n).ToString())!;

    /// <summary>The P2SH address of a 20-byte script hash.</summary>
    public static string ScriptHash(ReadOnlySpan<byte> hash, Network network) =>
        Get(ScriptHashKind, hash, network, static (bytes, n) => new ScriptId(bytes).GetAddress(n).ToString())!;

    /// <summary>An Open Assets asset ID in base 58 (<see cref="OpenAssets.OaAssetId.ToBase58(Network)"/>).</summary>
    public static string OpenAssetsAssetId(ReadOnlySpan<byte> hash, Network network) =>
        Get(OpenAssetsKind, hash, network, static (bytes, n) => new OpenAssets.OaAssetId(new uint160(bytes)).ToBase58Uncached(n))!;

    private static string? Get(byte kind, ReadOnlySpan<byte> bytes, Network network, Func<byte[], Network, string?> make)
    {
        ArgumentNullException.ThrowIfNull(network);
        var memo = ByNetwork.GetOrAdd(network, static _ => new Memo());
        Span<byte> key = bytes.Length < 128 ? stackalloc byte[bytes.Length + 1] : new byte[bytes.Length + 1];
        key[0] = kind;
        bytes.CopyTo(key[1..]);
        var lookup = memo.Map.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(key, out var known)) return known;
        var text = make(bytes.ToArray(), network);
        if (Interlocked.Increment(ref memo.Count) > Capacity)
        {
            // Full: start over (another thread may add meanwhile; the bound holds within a few entries).
            memo.Map.Clear();
            Interlocked.Exchange(ref memo.Count, 1);
        }
        if (!lookup.TryAdd(key, text)) Interlocked.Decrement(ref memo.Count);
        return text;
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly BytesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
