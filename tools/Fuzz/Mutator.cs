using NBitcoin;

namespace Explorer.Fuzz;

/// <summary>
/// Deterministic (seeded) mutations in the style of AFL's havoc stage: bit flips, random and "interesting" bytes,
/// insertions, deletions, truncations, duplications and splices with another corpus entry, one to four per input.
/// Transaction inputs are also mutated structurally: one script (output script, scriptSig or witness item) is
/// mutated and the transaction re-serialized, so that mutated inputs stay parsable transactions.
/// </summary>
public sealed class Mutator
{
    private static readonly byte[] InterestingBytes =
        [0x00, 0x01, 0x02, 0x03, 0x10, 0x14, 0x20, 0x21, 0x40, 0x43, 0x4c, 0x4d, 0x4e, 0x51, 0x52, 0x53, 0x6a, 0x7f, 0x80, 0xae, 0xfd, 0xfe, 0xff];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _corpus;

    public Mutator(int seed, IReadOnlyList<byte[]> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        _random = new Random(seed);
        _corpus = corpus;
    }

    /// <summary>A mutated copy of a random corpus entry (or of a few random bytes when the corpus is empty).</summary>
    public byte[] Next(FuzzInputKind kind)
    {
        var input = _corpus.Count == 0 ? RandomBytes(_random.Next(1, 64)) : _corpus[_random.Next(_corpus.Count)];
        if (kind == FuzzInputKind.Transaction && _random.Next(2) == 0 && TryMutateScript(input, out var tx)) return tx;
        return Havoc(input);
    }

    public byte[] Havoc(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = new List<byte>(input);
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds; r++) MutateOnce(data);
        return [.. data];
    }

    private void MutateOnce(List<byte> d)
    {
        switch (_random.Next(10))
        {
            case 0 when d.Count > 0:
                d[_random.Next(d.Count)] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when d.Count > 0:
                d[_random.Next(d.Count)] = (byte)_random.Next(256);
                break;
            case 2 when d.Count > 0:
                d[_random.Next(d.Count)] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                break;
            case 3:
                d.InsertRange(_random.Next(d.Count + 1), RandomBytes(1 + _random.Next(8)));
                break;
            case 4 when d.Count > 0:
            {
                var at = _random.Next(d.Count);
                d.RemoveRange(at, 1 + _random.Next(Math.Min(16, d.Count - at)));
                break;
            }
            case 5 when d.Count > 0:
                Truncate(d);
                break;
            case 6 when d.Count > 0:
            {
                var at = _random.Next(d.Count);
                var len = 1 + _random.Next(Math.Min(32, d.Count - at));
                d.InsertRange(_random.Next(d.Count + 1), d.GetRange(at, len));
                break;
            }
            case 7 when _corpus.Count > 0:
            {
                var other = _corpus[_random.Next(_corpus.Count)];
                var cut = _random.Next(d.Count + 1);
                var from = _random.Next(other.Length + 1);
                d.RemoveRange(cut, d.Count - cut);
                d.AddRange(other.AsSpan(from).ToArray());
                break;
            }
            case 8 when d.Count >= 8:
            {
                // A big-endian or little-endian boundary integer (lengths, counts, quantities).
                var at = _random.Next(d.Count - 7);
                ulong[] values = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, long.MaxValue, ulong.MaxValue];
                var bytes = BitConverter.GetBytes(values[_random.Next(values.Length)]);
                if (_random.Next(2) == 0) Array.Reverse(bytes);
                var width = (int[])[1, 2, 4, 8];
                var w = width[_random.Next(width.Length)];
                for (var i = 0; i < w; i++) d[at + i] = bytes[i];
                break;
            }
            default:
                if (d.Count > 0) d[_random.Next(d.Count)] = (byte)(d[_random.Next(d.Count)] + _random.Next(-16, 17));
                else d.Add((byte)_random.Next(256));
                break;
        }
    }

    private void Truncate(List<byte> d)
    {
        var keep = _random.Next(d.Count + 1);
        d.RemoveRange(keep, d.Count - keep);
    }

    private bool TryMutateScript(byte[] raw, out byte[] mutated)
    {
        mutated = raw;
        if (!TransactionBytes.TryParse(raw, out var tx)) return false;
        var choice = _random.Next(6);
        if (choice <= 2 && tx.Outputs.Count > 0)
        {
            var o = tx.Outputs[_random.Next(tx.Outputs.Count)];
            o.ScriptPubKey = new Script(Havoc(o.ScriptPubKey.ToBytes(true)));
        }
        else if (choice == 3 && tx.Inputs.Count > 0)
        {
            var i = tx.Inputs[_random.Next(tx.Inputs.Count)];
            i.ScriptSig = new Script(Havoc(i.ScriptSig.ToBytes(true)));
        }
        else if (choice == 4 && tx.Inputs.Count > 0)
        {
            var i = tx.Inputs[_random.Next(tx.Inputs.Count)];
            var items = i.WitScript.Pushes.ToList();
            if (items.Count == 0) items.Add([]);
            var k = _random.Next(items.Count);
            items[k] = Havoc(items[k]);
            i.WitScript = new WitScript(items.ToArray());
        }
        else if (tx.Outputs.Count > 0)
        {
            // Duplicate or drop an output: output counts and positions matter to every protocol.
            var at = _random.Next(tx.Outputs.Count);
            if (_random.Next(2) == 0) tx.Outputs.Insert(at, tx.Outputs[at].Clone());
            else tx.Outputs.RemoveAt(at);
        }
        mutated = tx.ToBytes();
        return true;
    }

    private byte[] RandomBytes(int n)
    {
        var b = new byte[n];
        _random.NextBytes(b);
        return b;
    }
}
