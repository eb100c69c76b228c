namespace Explorer.Protocols.Counterparty.Ledger;

/// <summary>
/// Counterparty balances and assets as counterparty-core's ledger computes them (lib/messages/*.py parse and
/// lib/ledger): one transaction at a time, in block and transaction order, each either valid (its debits and credits
/// applied) or invalid with counterparty-core's reason. Pure: no I/O; the caller loads the state (balances, assets,
/// burns) and keeps the outcomes. Computed: burn, send, enhanced send, MPMA, sweep, issuance (fee, reset, lock,
/// transfer), dividend, destroy, and the escrow debits of orders and dispensers. Everything that needs order matching,
/// bets, dispenses, expirations or UTXO-attached balances is reported as "not computed" (docs/counterparty.md).
/// </summary>
/// <param name="rules">The network's rules for <see cref="Apply(LedgerTx)"/> (mainnet when omitted); the state itself does not
/// depend on them.</param>
public sealed class CounterpartyLedger(CounterpartyRules? rules = null)
{
    public const string Xcp = "XCP";
    public const string Btc = "BTC";
    public const long Unit = 100_000_000;

    private readonly Dictionary<(string Address, string Asset), long> _balances = [];
    private readonly Dictionary<string, XcpAsset> _assets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _longnames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _burned = new(StringComparer.Ordinal);

    public CounterpartyRules Rules { get; } = rules ?? CounterpartyRules.Mainnet;

    public int BalanceCount => _balances.Count;

    public int AssetCount => _assets.Count;

    /// <summary>Balance of an address in an asset; null when the address never had a balance row for it.</summary>
    public long? BalanceOf(string address, string asset) =>
        _balances.TryGetValue((address, asset), out var q) ? q : null;

    public XcpAsset? AssetOf(string name) => _assets.GetValueOrDefault(name);

    /// <summary>Positive balances of an asset, by address.</summary>
    public IEnumerable<(string Address, long Quantity)> HoldersOf(string asset) =>
        _balances.Where(b => b.Key.Asset == asset && b.Value > 0).Select(b => (b.Key.Address, b.Value));

    /// <summary>Positive balances of an address, by asset.</summary>
    public IEnumerable<(string Asset, long Quantity)> BalancesOf(string address) =>
        _balances.Where(b => b.Key.Address == address && b.Value > 0).Select(b => (b.Key.Asset, b.Value));

    // ---- state loading (restart, reorg) ----

    public void Clear()
    {
        _balances.Clear();
        _assets.Clear();
        _longnames.Clear();
        _burned.Clear();
    }

    public void LoadBalance(string address, string asset, long quantity) => _balances[(address, asset)] = quantity;

    public void LoadAsset(XcpAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        _assets[asset.Name] = asset;
        if (asset.Longname is not null) _longnames[asset.Longname] = asset.Name;
    }

    public void LoadBurned(string address, long burned) => _burned[address] = burned;

    /// <summary>Satoshis already burned by an address in valid burns (the 1 BTC per address cap).</summary>
    public long BurnedBy(string address) => _burned.GetValueOrDefault(address);

    // ---- parsing ----

    /// <summary>Parses one transaction against the current state and applies its effects when valid.</summary>
    public LedgerOutcome Apply(LedgerTx tx) => Apply(tx, Rules);

    /// <summary>Same, with the rules given (the indexer's network).</summary>
    public LedgerOutcome Apply(LedgerTx tx, CounterpartyRules rules)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(rules);
        var h = tx.Height;
        if (tx.Source is null or "") return LedgerOutcome.NotComputed("source unknown (previous outputs not available)");
        var c = new LedgerWriter(this, tx);
        if (tx.IsBurn) return SendRules.Burn(c, rules, h);
        if (tx.Message is not { } m) return LedgerOutcome.Invalid("could not unpack" + (tx.UnpackError is null ? string.Empty : $" ({tx.UnpackError})"));
        return m.TypeId switch
        {
            MessageTypes.Send => SendRules.Send(c, m, rules, h),
            MessageTypes.EnhancedSend => SendRules.EnhancedSend(c, m),
            MessageTypes.Mpma => SendRules.Mpma(c, m),
            MessageTypes.Sweep => SendRules.Sweep(c, m, rules, h),
            MessageTypes.Destroy => SendRules.Destroy(c, m),
            MessageTypes.Issuance or MessageTypes.SubassetIssuance or MessageTypes.LrIssuance or MessageTypes.LrSubassetIssuance
                => IssuanceRules.Issuance(c, m, rules, h),
            MessageTypes.Dividend => IssuanceRules.Dividend(c, m, rules, h),
            MessageTypes.Order => EscrowRules.Order(c, m),
            MessageTypes.Dispenser => EscrowRules.Dispenser(c, m),
            _ => LedgerOutcome.NotComputed($"{m.Type} ledger effects are not computed by this explorer"),
        };
    }

    internal void Add(string address, string asset, long delta) =>
        _balances[(address, asset)] = _balances.GetValueOrDefault((address, asset)) + delta;

    internal void SetAsset(XcpAsset asset) => LoadAsset(asset);

    internal void AddBurned(string address, long burned) => _burned[address] = BurnedBy(address) + burned;

    internal bool LongnameExists(string longname) => _longnames.ContainsKey(longname);

    internal IEnumerable<XcpAsset> AssetsIssuedBy(string address) =>
        _assets.Values.Where(a => a.Issuer == address).OrderBy(a => a.Name, StringComparer.Ordinal);

    /// <summary>"True for test networks and from the given mainnet height" (protocol.after_block_or_test_network).</summary>
    internal static bool After(CounterpartyRules rules, int h, int mainnetHeight) => rules.Name != "mainnet" || h >= mainnetHeight;

    internal static LedgerOutcome Outcome(LedgerWriter c) =>
        new("valid", [.. c.Debits], [.. c.Credits], [.. c.Assets]);
}
