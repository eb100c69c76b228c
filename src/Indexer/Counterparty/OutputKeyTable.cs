using System.Numerics;
using System.Security.Cryptography;

namespace Explorer.Indexer.Counterparty;

/// <summary>
/// Which ring slot holds each P2TR output key's newest payer (<see cref="RevealFundingCache"/>): open addressing with
/// linear probing over one array of 8-byte entries (a 32-bit fingerprint of the key and the slot), deletion by backward
/// shift. It replaces a <c>Dictionary</c> whose three operations per payer cost about six cache misses; a lookup here
/// touches one entry, and the slot's key only when the fingerprints agree. The hash is seeded per process, so keys
/// chosen by others cannot be made to collide on purpose.
/// </summary>
public sealed class OutputKeyTable
{
    private static readonly ulong Seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) | 1;

    private long[] _entries;
    private int _mask;

    public OutputKeyTable(int slots)
    {
        _entries = new long[SizeFor(slots)];
        _mask = _entries.Length - 1;
    }

    /// <summary>The slot of <paramref name="key"/>'s newest payer, or -1.</summary>
    public int Find(in OutputKey key, OutputKey[] keys)
    {
        var fp = Fingerprint(key);
        for (var i = (int)(fp & (uint)_mask); ; i = (i + 1) & _mask)
        {
            var e = _entries[i];
            if (e == 0) return -1;
            if ((uint)((ulong)e >> 32) == fp && keys[SlotOf(e)] == key) return SlotOf(e);
        }
    }

    /// <summary>Makes <paramref name="slot"/> (whose key is already in <paramref name="keys"/>) its key's newest payer;
    /// returns the slot it replaces, or -1.</summary>
    public int Set(in OutputKey key, int slot, OutputKey[] keys)
    {
        var fp = Fingerprint(key);
        var entry = (long)(((ulong)fp << 32) | (uint)(slot + 1));
        for (var i = (int)(fp & (uint)_mask); ; i = (i + 1) & _mask)
        {
            var e = _entries[i];
            if (e == 0)
            {
                _entries[i] = entry;
                return -1;
            }
            if ((uint)((ulong)e >> 32) == fp && keys[SlotOf(e)] == key)
            {
                _entries[i] = entry;
                return SlotOf(e);
            }
        }
    }

    /// <summary>Forgets <paramref name="key"/> when <paramref name="slot"/> is its newest payer (the slot is reused).</summary>
    public void Remove(in OutputKey key, int slot, OutputKey[] keys)
    {
        var fp = Fingerprint(key);
        for (var i = (int)(fp & (uint)_mask); ; i = (i + 1) & _mask)
        {
            var e = _entries[i];
            if (e == 0) return;
            if ((uint)((ulong)e >> 32) != fp || keys[SlotOf(e)] != key) continue;
            if (SlotOf(e) == slot) Delete(i);
            return;
        }
    }

    /// <summary>Room for <paramref name="slots"/> keys: the entries move to a larger table.</summary>
    public void Grow(int slots)
    {
        var size = SizeFor(slots);
        if (size <= _entries.Length) return;
        var old = _entries;
        _entries = new long[size];
        _mask = size - 1;
        foreach (var e in old)
        {
            if (e == 0) continue;
            var i = (int)((ulong)e >> 32 & (uint)_mask);
            while (_entries[i] != 0) i = (i + 1) & _mask;
            _entries[i] = e;
        }
    }

    public void Clear() => Array.Clear(_entries);

    // Linear probing's deletion without tombstones (Knuth, TAOCP vol. 3, algorithm 6.4R): later entries of the run
    // whose home is not between the hole and themselves move back into the hole.
    private void Delete(int hole)
    {
        _entries[hole] = 0;
        for (var j = (hole + 1) & _mask; _entries[j] != 0; j = (j + 1) & _mask)
        {
            var home = (int)((ulong)_entries[j] >> 32 & (uint)_mask);
            var between = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (between) continue;
            _entries[hole] = _entries[j];
            _entries[j] = 0;
            hole = j;
        }
    }

    private static int SlotOf(long entry) => (int)(uint)entry - 1;

    private static uint Fingerprint(in OutputKey key) =>
        (uint)((((key.A ^ Seed) * 0x9E3779B97F4A7C15UL) ^ (key.B * 0xC2B2AE3D27D4EB4FUL)) >> 32);

    // At most half full: short probe runs.
    private static int SizeFor(int slots) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, slots * 2));
}
