using System.Numerics;

namespace Explorer.Protocols.Counterparty.Ledger;

/// <summary>
/// Parse rules of the messages that move balances between addresses (counterparty-core lib/messages/burn.py,
/// versions/send1.py, versions/enhancedsend.py, versions/mpma.py, sweep.py, destroy.py), each quoting the reference.
/// </summary>
internal static class SendRules
{
    /// <summary>burn.py (test networks formula; mainnet burns are a hard-coded list in the reference, see docs).</summary>
    public static LedgerOutcome Burn(LedgerWriter c, CounterpartyRules rules, int h)
    {
        var problems = new List<string>();
        if (c.Tx.Destination != rules.Unspendable) problems.Add("wrong destination address");
        if (c.Tx.BtcAmount < 0) problems.Add("negative quantity");
        // "if block_index < config.BURN_START - 1: too early; elif block_index > config.BURN_END: too late"
        if (h < rules.BurnStart - 1) problems.Add("too early");
        else if (h > rules.BurnEnd) problems.Add("too late");
        if (problems.Count > 0) return LedgerOutcome.Invalid(string.Join("; ", problems));
        // "Calculate quantity of XCP earned. (Maximum 1 BTC in total, ever.)"
        var maxBurn = Unit - c.Ledger.BurnedBy(c.Source);
        var burned = Math.Min(c.Tx.BtcAmount, maxBurn);
        // "multiplier = 1000 + (500 * Fraction(partial_time, total_time)); earned = round(burned * multiplier)"
        var total = (BigInteger)(rules.BurnEnd - rules.BurnStart);
        var partial = (BigInteger)(rules.BurnEnd - h);
        var earned = RoundHalfEven((BigInteger)burned * (1000 * total + 500 * partial), total);
        c.Ledger.AddBurned(c.Source, Math.Max(0, burned));
        c.Credit(c.Source, CounterpartyLedger.Xcp, (long)earned, "burn");
        return CounterpartyLedger.Outcome(c);
    }

    /// <summary>send1.py: oversend is capped at the balance; no balance row at all is "insufficient funds".</summary>
    public static LedgerOutcome Send(LedgerWriter c, XcpMessage m, CounterpartyRules rules, int h)
    {
        var asset = m["asset"] as string;
        var quantity = Amount(m["quantity"]);
        if (asset is null || quantity is null) return LedgerOutcome.Invalid("could not unpack");
        // "Oversend ... doesn't make sense (0 and no balance should be the same) but let's not break the protocol"
        if (c.Ledger.BalanceOf(c.Source, asset) is not { } balance) return LedgerOutcome.Invalid("insufficient funds");
        var q = Math.Min(balance, quantity.Value);
        var problems = new List<string>();
        if (asset == CounterpartyLedger.Btc) problems.Add("cannot send bitcoins");
        if (q < 0) problems.Add("negative quantity");
        if (h >= rules.MultisigAddresses && string.IsNullOrEmpty(c.Tx.Destination)) problems.Add("destination is required");
        if (problems.Count > 0) return LedgerOutcome.Invalid(string.Join("; ", problems));
        c.Debit(c.Source, asset, q, "send");
        if (!string.IsNullOrEmpty(c.Tx.Destination)) c.Credit(c.Tx.Destination, asset, q, "send");
        return CounterpartyLedger.Outcome(c);
    }

    /// <summary>enhancedsend.py: no oversend; "if balance == 0 or balance &lt; quantity: invalid: insufficient funds".</summary>
    public static LedgerOutcome EnhancedSend(LedgerWriter c, XcpMessage m)
    {
        var asset = m["asset"] as string;
        var quantity = Amount(m["quantity"]);
        var destination = m["address"] as string;
        if (asset is null || quantity is null) return LedgerOutcome.Invalid(quantity is null && m["quantity"] is ulong ? "quantity is too large" : "could not unpack");
        var problems = new List<string>();
        if (asset == CounterpartyLedger.Btc) problems.Add("cannot send BTC");
        if (quantity == 0) problems.Add("zero quantity");
        if (string.IsNullOrEmpty(destination)) problems.Add("destination is required");
        if (problems.Count > 0) return LedgerOutcome.Invalid(string.Join("; ", problems));
        var balance = c.Balance(c.Source, asset);
        if (balance == 0 || balance < quantity) return LedgerOutcome.Invalid("insufficient funds");
        c.Debit(c.Source, asset, quantity.Value, "send");
        c.Credit(destination!, asset, quantity.Value, "send");
        return CounterpartyLedger.Outcome(c);
    }

    /// <summary>mpma.py: every send is checked, the source's balance must cover each asset's total, then one debit per
    /// asset and one credit per recipient.</summary>
    public static LedgerOutcome Mpma(LedgerWriter c, XcpMessage m)
    {
        if (m["sends"] is not IEnumerable<Dictionary<string, object?>> sends) return LedgerOutcome.Invalid("could not unpack");
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var credits = new List<(string Destination, string Asset, long Quantity)>();
        foreach (var send in sends)
        {
            var asset = send.GetValueOrDefault("asset") as string;
            var destination = send.GetValueOrDefault("destination") as string;
            var quantity = Amount(send.GetValueOrDefault("quantity"));
            if (asset is null || destination is null || quantity is null) return LedgerOutcome.Invalid("could not unpack");
            if (asset == CounterpartyLedger.Btc) return LedgerOutcome.Invalid("cannot send BTC");
            if (quantity <= 0) return LedgerOutcome.Invalid("quantity must be greater than zero");
            totals[asset] = checked(totals.GetValueOrDefault(asset) + quantity.Value);
            credits.Add((destination, asset, quantity.Value));
        }
        foreach (var (asset, total) in totals)
            if (c.Balance(c.Source, asset) < total) return LedgerOutcome.Invalid($"insufficient funds for asset {asset}, needs {total}");
        foreach (var (asset, total) in totals) c.Debit(c.Source, asset, total, "mpma send");
        foreach (var (destination, asset, quantity) in credits) c.Credit(destination, asset, quantity, "mpma send");
        return CounterpartyLedger.Outcome(c);
    }

    /// <summary>sweep.py: the antispam fee in XCP, then every balance and/or the ownership of every asset issued by the
    /// source go to the destination.</summary>
    public static LedgerOutcome Sweep(LedgerWriter c, XcpMessage m, CounterpartyRules rules, int h)
    {
        var destination = m["destination"] as string;
        var flags = Amount(m["flags"]);
        if (destination is null || flags is null) return LedgerOutcome.Invalid("could not unpack");
        // "sweep_antispam_fee": 0.001 XCP from mainnet 819300 / testnet3 2535092 / block 1 elsewhere; 0.5 XCP before.
        var antispam = h >= (rules.Name switch { "mainnet" => 819300, "testnet3" => 2535092, _ => 1 }) ? 0.001 * Unit : 0;
        var balancesCount = c.Ledger.BalancesOf(c.Source).Count();
        var issuancesCount = c.Ledger.AssetsIssuedBy(c.Source).Count();
        var totalFee = antispam > 0 ? (long)(balancesCount * antispam * 2 + issuancesCount * antispam * 4) : Unit / 2;
        var problems = new List<string>();
        if (c.Source == destination) problems.Add("destination cannot be the same as source");
        if (c.Balance(c.Source, CounterpartyLedger.Xcp) < totalFee)
            problems.Add(FormattableString.Invariant($"insufficient XCP balance for sweep. Need {totalFee / (double)Unit} XCP for antispam fee"));
        if (flags > 7) problems.Add($"invalid flags {flags}");
        else if ((flags & 3) == 0) problems.Add("must specify which kind of transfer in flags");
        if (problems.Count > 0) return LedgerOutcome.Invalid(string.Join("; ", problems));
        c.Debit(c.Source, CounterpartyLedger.Xcp, totalFee, "sweep fee");
        var held = c.Ledger.BalancesOf(c.Source).OrderBy(b => b.Asset, StringComparer.Ordinal).ToList();
        if ((flags & 1) != 0)
        {
            foreach (var (asset, quantity) in held)
            {
                c.Debit(c.Source, asset, quantity, "sweep");
                c.Credit(destination, asset, quantity, "sweep");
            }
        }
        if ((flags & 2) != 0)
        {
            // "zero_balance_ownership_sweep_fix": every asset issued by the source, not only those it holds.
            var fix = h >= (rules.Name switch { "mainnet" => 819300, "testnet3" => 2505725, _ => 0 });
            var owned = c.Ledger.AssetsIssuedBy(c.Source).Where(a => fix || held.Any(b => b.Asset == a.Name)).ToList();
            foreach (var asset in owned) c.SetAsset(asset with { Issuer = destination });
        }
        return CounterpartyLedger.Outcome(c);
    }

    /// <summary>destroy.py validate: asset known, no destination, not BTC, quantity in range, "balance insufficient".</summary>
    public static LedgerOutcome Destroy(LedgerWriter c, XcpMessage m)
    {
        var asset = m["asset"] as string;
        var quantity = Amount(m["quantity"]);
        if (asset is null) return LedgerOutcome.Invalid("asset invalid");
        if (!string.IsNullOrEmpty(c.Tx.Destination)) return LedgerOutcome.Invalid("destination exists");
        if (asset == CounterpartyLedger.Btc) return LedgerOutcome.Invalid("cannot destroy BTC");
        if (quantity is null) return LedgerOutcome.Invalid("integer overflow, quantity too large");
        if (asset != CounterpartyLedger.Xcp && c.Ledger.AssetOf(asset) is null) return LedgerOutcome.Invalid("asset invalid");
        if (c.Balance(c.Source, asset) < quantity) return LedgerOutcome.Invalid("balance insufficient");
        c.Debit(c.Source, asset, quantity.Value, "destroy");
        return CounterpartyLedger.Outcome(c);
    }

    /// <summary>A message field as a quantity; null when absent or above 2^63-1 ("integer overflow" for SQLite3).</summary>
    internal static long? Amount(object? value) => value switch
    {
        ulong u when u <= long.MaxValue => (long)u,
        long l => l,
        int i => i,
        uint ui => ui,
        byte b => b,
        _ => null,
    };

    private const long Unit = CounterpartyLedger.Unit;

    /// <summary>Python's round() of a fraction: to the nearest integer, ties to even.</summary>
    private static BigInteger RoundHalfEven(BigInteger numerator, BigInteger denominator)
    {
        var q = BigInteger.DivRem(numerator, denominator, out var r);
        var twice = 2 * BigInteger.Abs(r);
        if (twice > denominator || (twice == denominator && !q.IsEven)) q += numerator.Sign;
        return q;
    }
}
