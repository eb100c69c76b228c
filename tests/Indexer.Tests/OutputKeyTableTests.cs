using Explorer.Indexer.Counterparty;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The reveal cache's key table (open addressing, linear probing, deletion by backward shift) against a dictionary
/// doing the same operations: keys that share fingerprints' home positions, runs that wrap around the end of the
/// array, deletions in the middle of runs, growth while filled.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OutputKeyTableTests
{
    [Theory]
    [InlineData(1, 8, 40)]       // few keys: long runs in a 16-entry table, wrapping around
    [InlineData(2, 64, 2_000)]
    [InlineData(3, 1_000, 50_000)]
    public void Agrees_with_a_dictionary_over_random_payers_and_reuses(int seed, int slots, int steps)
    {
        var random = new Random(seed);
        var table = new OutputKeyTable(Math.Min(slots, 16));
        var keys = new OutputKey[slots];
        var used = new bool[slots];
        var model = new Dictionary<OutputKey, int>();
        // Few distinct keys, so that keys are paid again (the slot of the newest payer moves) as well as new.
        var pool = Enumerable.Range(0, slots + slots / 2).Select(_ => Key(random)).ToArray();
        var grownTo = Math.Min(slots, 16);
        for (var step = 0; step < steps; step++)
        {
            var slot = step % slots;
            if (slot >= grownTo)
            {
                grownTo = Math.Min(slots, grownTo * 4);
                table.Grow(grownTo);
            }
            // The ring reuses the slot: its payer leaves, and its key too when it was the key's newest payer.
            if (used[slot])
            {
                table.Remove(keys[slot], slot, keys);
                if (model.TryGetValue(keys[slot], out var newest) && newest == slot) model.Remove(keys[slot]);
            }
            var key = pool[random.Next(pool.Length)];
            keys[slot] = key;
            used[slot] = true;
            var replaced = table.Set(key, slot, keys);
            Assert.Equal(model.TryGetValue(key, out var before) ? before : -1, replaced);
            model[key] = slot;

            if (step % 7 == 0)
            {
                foreach (var probe in pool)
                    Assert.Equal(model.TryGetValue(probe, out var expected) ? expected : -1, table.Find(probe, keys));
            }
        }
    }

    [Fact]
    public void Clear_forgets_every_key()
    {
        var keys = new[] { Key(new Random(9)), Key(new Random(10)) };
        var table = new OutputKeyTable(2);
        table.Set(keys[0], 0, keys);
        table.Set(keys[1], 1, keys);
        Assert.Equal(1, table.Find(keys[1], keys));
        table.Clear();
        Assert.Equal(-1, table.Find(keys[0], keys));
        Assert.Equal(-1, table.Find(keys[1], keys));
    }

    private static OutputKey Key(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return OutputKey.From(bytes);
    }
}
