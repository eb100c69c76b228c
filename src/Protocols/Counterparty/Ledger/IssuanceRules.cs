using System.Numerics;

namespace Explorer.Protocols.Counterparty.Ledger;

/// <summary>
/// Issuance and dividend parse rules (counterparty-core lib/messages/issuance.py validate/parse, dividend.py), each
/// quoting the reference. Callability (call dates and prices, removed in 2023) is not checked.
/// </summary>
internal static class IssuanceRules
{
    private const long Unit = CounterpartyLedger.Unit;

    public static LedgerOutcome Issuance(LedgerWriter c, XcpMessage m, CounterpartyRules rules, int h)
    {
        var asset = m["asset"] as string;
        var quantity = SendRules.Amount(m["quantity"]);
        if (asset is null) return LedgerOutcome.Invalid("bad asset name");
        if (quantity is null) return LedgerOutcome.Invalid("integer overflow");
        var divisible = m["divisible"] as bool? ?? true;
        var lockFlag = m["lock"] as bool? ?? false;
        var reset = m["reset"] as bool? ?? false;
        var longname = m["subasset_longname"] as string;
        // A 0xc0 "NULL" description (or a CBOR null) keeps the last description.
        var description = m["description"] as string;
        var previous = c.Ledger.AssetOf(asset);
        var reissuance = previous is not null;
        var cip03 = h >= rules.Cip03;
        var problems = new List<string>();
        if (asset is CounterpartyLedger.Btc or CounterpartyLedger.Xcp) problems.Add("cannot issue BTC or XCP");
        if (previous is { } last)
        {
            if (last.Issuer != c.Source) problems.Add("issued by another address");
            if (last.Divisible != divisible && (!cip03 || !reset)) problems.Add("cannot change divisibility");
            if (last.Locked && quantity > 0) problems.Add("locked asset and non‐zero quantity");
            if (last.Locked && reset) problems.Add("cannot reset a locked asset");
            // "lockable_issuance_descriptions" (with fairminter, mainnet 866000)
            if (h >= rules.Fairminter && last.DescriptionLocked)
            {
                if (description is not null) problems.Add("Cannot update a locked description");
                if (reset) problems.Add("Cannot reset issuance with locked description");
            }
        }
        else
        {
            if (string.Equals(description, "lock", StringComparison.OrdinalIgnoreCase)) problems.Add("cannot lock a non‐existent asset");
            if (reset) problems.Add("cannot reset a non existent asset");
        }
        if (longname is not null && !reissuance)
        {
            var parent = longname[..Math.Max(0, longname.IndexOf('.', StringComparison.Ordinal))];
            var parentAsset = c.Ledger.AssetOf(parent);
            if (parentAsset is null) problems.Add("parent asset not found");
            else if (parentAsset.Issuer != c.Source) problems.Add("parent asset owned by another address");
            if (c.Ledger.LongnameExists(longname)) problems.Add("subasset already exists");
            if (asset[0] != 'A') problems.Add("a subasset must be a numeric asset");
        }
        long fee = 0;
        // "Check for existence of fee funds ... Pay fee only upon first issuance."
        if (quantity > 0 || CounterpartyLedger.After(rules, h, 315000))
        {
            if (!reissuance || (h < 310000 && rules.Name == "mainnet"))
            {
                if (h >= rules.NumericAssetNames)
                    fee = longname is not null && h >= rules.Subassets ? (h >= rules.Fairminter ? 0 : Unit / 4)
                        : asset.Length >= 13 ? 0 : Unit / 2;
                else if (CounterpartyLedger.After(rules, h, 291700)) fee = Unit / 2;
                else if (CounterpartyLedger.After(rules, h, 286000)) fee = 5 * Unit;
                else if (CounterpartyLedger.After(rules, h, 281237)) fee = 5;
                if (fee > 0 && c.Balance(c.Source, CounterpartyLedger.Xcp) < fee) problems.Add("insufficient funds");
            }
        }
        if (!CounterpartyLedger.After(rules, h, 317500) && (description ?? string.Empty).Length > 42) problems.Add("description too long");
        if (reset && cip03 ? false : (BigInteger)(previous?.Supply ?? 0) + quantity.Value > long.MaxValue) problems.Add("total quantity overflow");
        if (cip03 && reset && previous is not null)
        {
            var holders = c.Ledger.HoldersOf(asset).ToList();
            if (holders.Count == 0 && previous.Supply > 0) problems.Add("Cannot reset an asset with no holder");
            else if (holders.Count > 1) problems.Add("Cannot reset an asset with many holders");
            else if (holders.Count == 1 && holders[0].Address != previous.Issuer) problems.Add("Cannot reset an asset held by a different address than the owner");
        }
        if (problems.Count > 0) return LedgerOutcome.Invalid(string.Join("; ", problems));

        if (reset && cip03)
        {
            // "Reset?": the owner's balance is destroyed ("reset destroy") and the new quantity credited.
            var ownerBalance = c.Balance(c.Source, asset);
            if (ownerBalance > 0) c.Debit(c.Source, asset, ownerBalance, "reset destroy");
            c.SetAsset(previous! with
            {
                Divisible = divisible, Locked = lockFlag, Description = description ?? previous.Description, Supply = quantity.Value,
            });
            if (quantity > 0) c.Credit(c.Source, asset, quantity.Value, "reset issuance");
            return CounterpartyLedger.Outcome(c);
        }
        // "Debit fee."
        c.Debit(c.Source, CounterpartyLedger.Xcp, fee, "issuance fee");
        var lastDescription = previous?.Description ?? description ?? string.Empty;
        var locked = lockFlag || (previous?.Locked ?? false);
        var descriptionLocked = previous?.DescriptionLocked ?? false;
        if (description is null) description = lastDescription;
        else if (string.Equals(description, "lock", StringComparison.OrdinalIgnoreCase))
        {
            locked = true;
            description = lastDescription;
        }
        else if (h >= rules.Fairminter && string.Equals(description, "lock_description", StringComparison.OrdinalIgnoreCase))
        {
            descriptionLocked = true;
            description = lastDescription;
        }
        // "if tx['destination']: issuer = tx['destination']; transfer = True"
        var issuer = string.IsNullOrEmpty(c.Tx.Destination) ? c.Source : c.Tx.Destination;
        c.SetAsset(new XcpAsset(asset, previous?.Longname ?? longname, issuer, divisible, locked, descriptionLocked, description,
            (previous?.Supply ?? 0) + quantity.Value, previous?.FirstTxid ?? c.Tx.Txid, previous?.FirstHeight ?? h));
        // "Credit. if status == 'valid' and quantity"
        if (quantity > 0) c.Credit(c.Source, asset, quantity.Value, "issuance");
        return CounterpartyLedger.Outcome(c);
    }

    public static LedgerOutcome Dividend(LedgerWriter c, XcpMessage m, CounterpartyRules rules, int h)
    {
        var asset = m["asset"] as string;
        var dividendAsset = m["dividend_asset"] as string ?? (asset is null ? null : CounterpartyLedger.Xcp);
        var perUnit = SendRules.Amount(m["quantity_per_unit"]);
        if (asset is null || dividendAsset is null || perUnit is null) return LedgerOutcome.Invalid("could not unpack");
        if (dividendAsset == CounterpartyLedger.Btc) return LedgerOutcome.Invalid("cannot pay BTC dividends within protocol");
        var problems = new List<string>();
        if (asset == CounterpartyLedger.Btc) problems.Add("cannot pay dividends to holders of BTC");
        if (asset == CounterpartyLedger.Xcp && (h < 317500 || h >= 320000 || rules.Name != "mainnet"))
            problems.Add("cannot pay dividends to holders of XCP");
        if (perUnit <= 0) problems.Add("non‐positive quantity per unit");
        var info = asset == CounterpartyLedger.Xcp ? null : c.Ledger.AssetOf(asset);
        if (asset != CounterpartyLedger.Xcp && info is null) return LedgerOutcome.Invalid(string.Join("; ", problems.Append($"no such asset, {asset}.")));
        var divisible = info?.Divisible ?? true;
        // "Only issuer can pay dividends."
        if (CounterpartyLedger.After(rules, h, 320000) && info?.Issuer != c.Source) problems.Add("only issuer can pay dividends");
        var dividendInfo = dividendAsset == CounterpartyLedger.Xcp ? null : c.Ledger.AssetOf(dividendAsset);
        if (dividendAsset != CounterpartyLedger.Xcp && dividendInfo is null)
            return LedgerOutcome.Invalid(string.Join("; ", problems.Append($"no such dividend asset, {dividendAsset}.")));
        var dividendDivisible = dividendInfo?.Divisible ?? true;
        var outputs = new List<(string Address, long Quantity)>();
        long total = 0;
        foreach (var (address, held) in c.Ledger.HoldersOf(asset).OrderBy(x => x.Address, StringComparer.Ordinal))
        {
            // "no_dividend_to_self" (296000)
            if (CounterpartyLedger.After(rules, h, 296000) && address == c.Source) continue;
            // Python: "dividend_quantity = address_quantity * quantity_per_unit; if divisible: dividend_quantity /= UNIT"
            var product = (BigInteger)held * perUnit.Value;
            double q = (double)product;
            if (divisible) q = (double)product / Unit;
            if (h < (rules.Name == "mainnet" ? 670000 : rules.Name == "testnet3" ? 1666625 : 0) && !dividendDivisible) q /= Unit;
            if (q > long.MaxValue) return LedgerOutcome.Invalid("integer overflow");
            var quantity = (long)q;
            outputs.Add((address, quantity));
            total = checked(total + quantity);
        }
        if (total == 0) problems.Add("zero dividend");
        var dividendBalance = c.Balance(c.Source, dividendAsset);
        if (dividendBalance < total) problems.Add($"insufficient funds ({dividendAsset})");
        long fee = 0;
        if (problems.Count == 0)
        {
            // "fee = int(0.0002 * config.UNIT * holder_count)" from 330000
            if (CounterpartyLedger.After(rules, h, 330000)) fee = (long)(0.0002 * Unit * outputs.Count);
            if (fee > 0 && c.Balance(c.Source, CounterpartyLedger.Xcp) < fee) problems.Add("insufficient funds (XCP)");
        }
        if (problems.Count == 0 && dividendAsset == CounterpartyLedger.Xcp && dividendBalance < total + fee)
            problems.Add("insufficient funds (XCP)");
        if (problems.Count > 0) return LedgerOutcome.Invalid(string.Join("; ", problems));
        c.Debit(c.Source, dividendAsset, total, "dividend");
        if (CounterpartyLedger.After(rules, h, 330000)) c.Debit(c.Source, CounterpartyLedger.Xcp, fee, "dividend fee");
        // "dont_credit_zero_dividend" (mainnet 670000)
        var skipZero = h >= (rules.Name == "mainnet" ? 670000 : rules.Name == "testnet3" ? 1666625 : 0);
        foreach (var (address, quantity) in outputs)
            if (!skipZero || quantity > 0) c.Credit(address, dividendAsset, quantity, "dividend");
        return CounterpartyLedger.Outcome(c);
    }
}
