using System.Collections.Immutable;
using System.Globalization;

namespace Explorer.ChainForge.Wallet;

/// <summary>
/// Relative weights of the output types ordinary traffic pays to (and coinbases go to): P2PKH, P2SH (P2SH-P2WPKH),
/// P2WPKH and P2TR (key path). Parsed from "p2pkh=1,p2sh=1,p2wpkh=1,p2tr=1"; a type left out or given 0 is never
/// paid to, so e.g. "p2tr=0" makes a chain that a pre-taproot node (bcoin 1.0.2) accepts.
/// </summary>
public sealed record ScriptMix(ImmutableArray<(ScriptKind Kind, double Weight)> Weights)
{
    public static readonly ScriptMix Even = new([(ScriptKind.P2pkh, 1), (ScriptKind.P2shP2wpkh, 1), (ScriptKind.P2wpkh, 1), (ScriptKind.P2tr, 1)]);

    /// <summary>The kinds with a positive weight, in declaration order.</summary>
    public IReadOnlyList<ScriptKind> Kinds => [.. Weights.Where(w => w.Weight > 0).Select(w => w.Kind).Order()];

    public static ScriptMix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var weights = ImmutableArray.CreateBuilder<(ScriptKind, double)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var kind = pair[0].ToLowerInvariant() switch
            {
                "p2pkh" => ScriptKind.P2pkh,
                "p2sh" => ScriptKind.P2shP2wpkh,
                "p2wpkh" => ScriptKind.P2wpkh,
                "p2tr" => ScriptKind.P2tr,
                _ => throw new ArgumentException($"Unknown output type '{pair[0]}' (p2pkh, p2sh, p2wpkh, p2tr).", nameof(text)),
            };
            if (pair.Length != 2 || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                || weight < 0 || !double.IsFinite(weight))
            {
                throw new ArgumentException($"'{part}' needs a weight of 0 or more, e.g. {pair[0]}=1.", nameof(text));
            }

            weights.Add((kind, weight));
        }

        if (weights.Count == 0 || weights.Sum(w => w.Item2) <= 0)
        {
            throw new ArgumentException("At least one output type needs a positive weight.", nameof(text));
        }

        return new ScriptMix(weights.ToImmutable());
    }

    /// <summary>Draws a kind with probability proportional to its weight.</summary>
    public ScriptKind Pick(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var total = Weights.Sum(w => w.Weight);
        var x = random.NextDouble() * total;
        foreach (var (kind, weight) in Weights)
        {
            if (weight > 0 && (x -= weight) < 0)
            {
                return kind;
            }
        }

        return Weights.Last(w => w.Weight > 0).Kind;
    }

    public override string ToString() =>
        string.Join(",", Weights.Select(w => string.Create(CultureInfo.InvariantCulture, $"{Name(w.Kind)}={w.Weight}")));

    private static string Name(ScriptKind kind) => kind switch
    {
        ScriptKind.P2pkh => "p2pkh",
        ScriptKind.P2shP2wpkh => "p2sh",
        ScriptKind.P2wpkh => "p2wpkh",
        _ => "p2tr",
    };
}
