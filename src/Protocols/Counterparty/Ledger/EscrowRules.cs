namespace Explorer.Protocols.Counterparty.Ledger;

/// <summary>
/// The escrow debits of orders and dispensers (counterparty-core lib/messages/order.py parse, dispenser.py parse):
/// what leaves the source's balance when the offer opens. Matches, BTC payments, dispenses, cancellations, closings and
/// expirations (which credit escrow back or to counterparties) are not computed: their balances are documented as
/// such and the UI says so.
/// </summary>
internal static class EscrowRules
{
    /// <summary>order.py: "if balance &lt; give_quantity: give_quantity = balance" (non-BTC give assets), then
    /// debit "open order".</summary>
    public static LedgerOutcome Order(LedgerWriter c, XcpMessage m)
    {
        var give = m["give_asset"] as string;
        var get = m["get_asset"] as string;
        var giveQuantity = SendRules.Amount(m["give_quantity"]);
        var getQuantity = SendRules.Amount(m["get_quantity"]);
        if (give is null || get is null || giveQuantity is null || getQuantity is null) return LedgerOutcome.Invalid("could not unpack");
        if (give == get) return LedgerOutcome.Invalid("trading an asset for itself");
        if (give != CounterpartyLedger.Btc && give != CounterpartyLedger.Xcp && c.Ledger.AssetOf(give) is null)
            return LedgerOutcome.Invalid($"no such asset to give ({give})");
        if (get != CounterpartyLedger.Btc && get != CounterpartyLedger.Xcp && c.Ledger.AssetOf(get) is null)
            return LedgerOutcome.Invalid($"no such asset to get ({get})");
        var q = giveQuantity.Value;
        if (give != CounterpartyLedger.Btc) q = Math.Min(q, c.Balance(c.Source, give));
        if (q <= 0) return LedgerOutcome.Invalid("zero give quantity");
        if (getQuantity <= 0) return LedgerOutcome.Invalid("zero get quantity");
        if (give != CounterpartyLedger.Btc) c.Debit(c.Source, give, q, "open order");
        return CounterpartyLedger.Outcome(c);
    }

    /// <summary>dispenser.py: opening (status 0 or 1) escrows escrow_quantity of the asset ("open dispenser");
    /// closing and dispensing are not computed.</summary>
    public static LedgerOutcome Dispenser(LedgerWriter c, XcpMessage m)
    {
        var asset = m["asset"] as string;
        var give = SendRules.Amount(m["give_quantity"]);
        var escrow = SendRules.Amount(m["escrow_quantity"]);
        var rate = SendRules.Amount(m["mainchainrate"]);
        var status = SendRules.Amount(m["dispenser_status"]);
        if (asset is null || give is null || escrow is null || rate is null || status is null) return LedgerOutcome.Invalid("could not unpack");
        if (status is not (0 or 1)) return LedgerOutcome.NotComputed("closing a dispenser returns its remaining escrow, which needs the dispenses");
        var problems = new List<string>();
        if (asset == CounterpartyLedger.Btc) problems.Add("cannot dispense BTC");
        else if (asset != CounterpartyLedger.Xcp && c.Ledger.AssetOf(asset) is null) problems.Add($"asset {asset} does not exist");
        if (give <= 0) problems.Add("give_quantity must be positive");
        if (escrow <= 0) problems.Add("escrow_quantity must be positive");
        if (rate <= 0) problems.Add("mainchainrate must be positive");
        if (escrow < give) problems.Add("escrow_quantity must be greater or equal than give_quantity");
        if (problems.Count == 0 && c.Balance(c.Source, asset) < escrow)
            problems.Add($"address doesn't have enough balance of {asset} ({c.Balance(c.Source, asset)} < {escrow})");
        if (problems.Count > 0) return LedgerOutcome.Invalid(string.Join("; ", problems));
        c.Debit(c.Source, asset, escrow.Value, "open dispenser");
        return CounterpartyLedger.Outcome(c);
    }
}
