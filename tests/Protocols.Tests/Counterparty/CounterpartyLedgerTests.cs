using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Counterparty.Ledger;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// The ledger against counterparty-core's own unit tests (CounterpartyXCP/counterparty-core,
/// counterparty-core/counterpartycore/test/units/messages/*.py): the same message bytes parsed on regtest (every
/// protocol change on) from the same starting balances, and the same credits, debits and statuses expected.
/// Addresses are placeholders named after the fixture's <c>defaults["addresses"][i]</c>.
/// </summary>
public class CounterpartyLedgerTests
{
    private const string A0 = "addresses[0]", A1 = "addresses[1]", P2ms0 = "p2ms_addresses[0]";
    private static readonly CounterpartyRules Rules = CounterpartyRules.Regtest;
    private int _txIndex;

    private LedgerTx Tx(int typeId, byte[] body, string source, string? destination = null, int height = 1000)
    {
        // Type 0 has no 1-byte form: "if it is 0, read 4 bytes".
        byte[] data = typeId == 0 ? [0, 0, 0, 0, .. body] : [(byte)typeId, .. body];
        var decoded = CounterpartyMessageDecoder.Decode(data, Rules, height);
        return new LedgerTx($"tx{_txIndex}", _txIndex++, height, source, destination, 0, false,
            decoded.IsValid ? decoded.Message : null, decoded.ErrorMessage);
    }

    private static CounterpartyLedger Ledger(params (string Address, string Asset, long Quantity)[] balances)
    {
        var ledger = new CounterpartyLedger(Rules);
        foreach (var (address, asset, quantity) in balances) ledger.LoadBalance(address, asset, quantity);
        return ledger;
    }

    private static XcpAsset Asset(string name, string issuer, bool divisible = true, long supply = 0, string? longname = null) =>
        new(name, longname, issuer, divisible, false, false, string.Empty, supply, "first", 1);

    [Fact]
    public void Burn_earns_xcp_by_the_test_network_formula()
    {
        // burn_test.py@18de91c4e13aa2ef2c734f95ded6a08f3b2fc825 test_parse_burn_legacy_address / _multisig_address:
        // 62000000 burned -> 92999768120 earned, 50000000 -> 74999812333 (regtest BURN_START 101, BURN_END 150000000;
        // the fixture's blocks, 1223 and 1227, are the only ones giving both figures).
        var ledger = Ledger();
        var legacy = ledger.Apply(new LedgerTx("b1", 1, 1223, A1, Rules.Unspendable, 62000000, true, null, null));
        Assert.True(legacy.IsValid, legacy.Status);
        Assert.Equal(new LedgerEntry(A1, "XCP", 92999768120, "burn"), Assert.Single(legacy.Credits));
        var multisig = ledger.Apply(new LedgerTx("b2", 2, 1227, P2ms0, Rules.Unspendable, 50000000, true, null, null));
        Assert.Equal(74999812333, Assert.Single(multisig.Credits).Quantity);
        // "Maximum 1 BTC in total, ever": A1 may burn only 38000000 more.
        var capped = ledger.Apply(new LedgerTx("b3", 3, 1223, A1, Rules.Unspendable, 100000000, true, null, null));
        Assert.Equal(92999768120 * 38 / 62, Assert.Single(capped.Credits).Quantity, 1.0);
        Assert.Equal("invalid: too late", ledger.Apply(new LedgerTx("b4", 4, 150000001, A0, Rules.Unspendable, 1000, true, null, null)).Status);
    }

    [Fact]
    public void Classic_send_caps_an_oversend_and_needs_a_balance_row()
    {
        // send_test.py@18de91c test_parse_send3: send1 "\x00..\x01\x00\x00\x00\x00\x11\xe1\xa3\x00" (XCP 300000000).
        var ledger = Ledger((A0, "XCP", 91875000000));
        var outcome = ledger.Apply(Tx(0, Convert.FromHexString("000000000000000100000000" + "11e1a300"), A0, P2ms0));
        Assert.True(outcome.IsValid, outcome.Status);
        Assert.Equal(new LedgerEntry(A0, "XCP", 300000000, "send"), Assert.Single(outcome.Debits));
        Assert.Equal(new LedgerEntry(P2ms0, "XCP", 300000000, "send"), Assert.Single(outcome.Credits));
        // send1.parse: "if balance < quantity: quantity = min(balance, quantity)"; no balance at all: insufficient funds.
        var over = ledger.Apply(Tx(0, Convert.FromHexString("0000000000000001" + "7fffffffffffffff"), P2ms0, A1));
        Assert.Equal(300000000, Assert.Single(over.Debits).Quantity);
        Assert.Equal("invalid: insufficient funds", ledger.Apply(Tx(0, Convert.FromHexString("0000000000000001" + "0000000000000001"), A1 + "x", A0)).Status);
    }

    [Fact]
    public void Enhanced_send_needs_the_whole_quantity()
    {
        // send_test.py test_parse_send1: 100000000 XCP from addresses[0] to addresses[1], debit and credit "send".
        var ledger = Ledger((A0, "XCP", 100000000));
        var data = MessageEncoder.EnhancedSendCbor(1, 100000000, PackedAddress.PackTagged("mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", NBitcoin.Network.RegTest), []);
        var outcome = ledger.Apply(Tx(2, data[1..], A0));
        Assert.True(outcome.IsValid, outcome.Status);
        Assert.Equal(new LedgerEntry("mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", "XCP", 100000000, "send"), Assert.Single(outcome.Credits));
        // enhancedsend.parse: "if balance == 0 or balance < quantity: invalid: insufficient funds" (no oversend).
        Assert.Equal("invalid: insufficient funds", ledger.Apply(Tx(2, data[1..], A0)).Status);
        Assert.Equal(0, ledger.BalanceOf(A0, "XCP"));
        var zero = MessageEncoder.EnhancedSendCbor(1, 0, PackedAddress.PackTagged("mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", NBitcoin.Network.RegTest), []);
        Assert.Equal("invalid: zero quantity", ledger.Apply(Tx(2, zero[1..], "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns")).Status);
    }

    [Fact]
    public void Issuances_pay_their_fee_once_and_credit_the_issuer()
    {
        // issuance_test.py@(file id 7885026275) test_parse_basset: BASSET 1000 divisible, fee 50000000 ("issuance fee").
        var ledger = Ledger((A0, "XCP", 100000000), (P2ms0, "XCP", 100000000));
        var basset = ledger.Apply(Tx(20, Convert.FromHexString("0000000000ba4f73" + "00000000000003e8" + "010000"), A0));
        Assert.True(basset.IsValid, basset.Status);
        Assert.Equal(new LedgerEntry(A0, "XCP", 50000000, "issuance fee"), Assert.Single(basset.Debits));
        Assert.Equal(new LedgerEntry(A0, "BASSET", 1000, "issuance"), Assert.Single(basset.Credits));
        var state = Assert.Single(basset.Assets);
        Assert.Equal((A0, true, false, 1000L), (state.Issuer, state.Divisible, state.Locked, state.Supply));
        // test_parse_divisible: a reissuance with a destination transfers ownership, fee_paid 0 (a 0 debit is written).
        var transfer = ledger.Apply(Tx(20, Convert.FromHexString("0000000000ba4f73" + "0000000000000000" + "010000"), A0, P2ms0));
        Assert.True(transfer.IsValid, transfer.Status);
        Assert.Equal(new LedgerEntry(A0, "XCP", 0, "issuance fee"), Assert.Single(transfer.Debits));
        Assert.Empty(transfer.Credits);
        Assert.Equal(P2ms0, ledger.AssetOf("BASSET")!.Issuer);
        // The old owner can no longer issue it: "issued by another address".
        Assert.Equal("invalid: issued by another address", ledger.Apply(Tx(20, Convert.FromHexString("0000000000ba4f73" + "0000000000000001" + "010000"), A0)).Status);
        // test_parse_divisiblec: lock flag set with a description.
        var c = ledger.Apply(Tx(20, [.. Convert.FromHexString("0000107d5515a85e" + "0000000000000000" + "010100"), .. "third divisible asset"u8], P2ms0));
        Assert.True(ledger.AssetOf("DIVISIBLEC")!.Locked);
        Assert.Equal("third divisible asset", ledger.AssetOf("DIVISIBLEC")!.Description);
        Assert.Equal(50000000, Assert.Single(c.Debits).Quantity);
        Assert.Equal("invalid: locked asset and non‐zero quantity",
            ledger.Apply(Tx(20, Convert.FromHexString("0000107d5515a85e" + "0000000000000005" + "010000"), P2ms0)).Status);
        // Not enough XCP for the fee: "insufficient funds".
        Assert.Equal("invalid: insufficient funds", ledger.Apply(Tx(20, Convert.FromHexString("0000000000ba4f74" + "00000000000003e8" + "010000"), A1)).Status);
    }

    [Fact]
    public void Numeric_issuances_are_free_and_keep_the_null_description()
    {
        // issuance_test.py test_parse_numeric: A18446744073709551615 1000, description 0xc0"NULL", fee_paid 0.
        var ledger = Ledger((A0, "XCP", 0));
        var outcome = ledger.Apply(Tx(20, [.. Convert.FromHexString("ffffffffffffffff" + "00000000000003e8" + "010000" + "c0"), .. "NULL"u8], A0));
        Assert.True(outcome.IsValid, outcome.Status);
        Assert.Equal(new LedgerEntry(A0, "XCP", 0, "issuance fee"), Assert.Single(outcome.Debits));
        Assert.Equal(new LedgerEntry(A0, "A18446744073709551615", 1000, "issuance"), Assert.Single(outcome.Credits));
        Assert.Equal(string.Empty, ledger.AssetOf("A18446744073709551615")!.Description);
    }

    [Fact]
    public void Paid_subasset_needs_the_parent_owner()
    {
        // issuance_test.py test_parse_paid_subasset (free_subassets disabled): A95428957660983173 = PARENT.child1,
        // 100000000 credited, fee 25000000.
        var rules = Rules with { Fairminter = int.MaxValue };
        var ledger = new CounterpartyLedger(rules);
        ledger.LoadBalance(A0, "XCP", 100000000);
        ledger.LoadAsset(Asset("PARENT", A0));
        var body = Convert.FromHexString("01530821a2ab2f85" + "0000000005f5e100" + "010000" + "0a" + "57c6f36de23a1f5f4c46");
        var decoded = CounterpartyMessageDecoder.Decode([21, .. body], rules, 1000);
        Assert.True(decoded.IsValid, decoded.ErrorMessage);
        var outcome = ledger.Apply(new LedgerTx("s", 1, 1000, A0, null, 0, false, decoded.Message, null));
        Assert.True(outcome.IsValid, outcome.Status);
        Assert.Equal(new LedgerEntry(A0, "XCP", 25000000, "issuance fee"), Assert.Single(outcome.Debits));
        Assert.Equal(new LedgerEntry(A0, "A95428957660983173", 100000000, "issuance"), Assert.Single(outcome.Credits));
        Assert.Equal("PARENT.child1", ledger.AssetOf("A95428957660983173")!.Longname);
        // "parent asset owned by another address" when the parent belongs to someone else.
        var other = new CounterpartyLedger(rules);
        other.LoadBalance(A0, "XCP", 100000000);
        other.LoadAsset(Asset("PARENT", A1));
        Assert.Contains("parent asset owned by another address",
            other.Apply(new LedgerTx("t", 2, 1000, A0, null, 0, false, decoded.Message, null)).Status, StringComparison.Ordinal);
    }

    [Fact]
    public void Destroy_debits_the_source()
    {
        // destroy_test.py@1d0b3b288e770aa71a3e30db7531b419e52e35cd test_parse_wastee: 1 XCP, tag "WASTEEEEE", valid.
        var ledger = Ledger((A0, "XCP", 10));
        var outcome = ledger.Apply(Tx(110, [.. Convert.FromHexString("0000000000000001" + "0000000000000001"), .. "WASTEEEEE"u8], A0));
        Assert.True(outcome.IsValid, outcome.Status);
        Assert.Equal(new LedgerEntry(A0, "XCP", 1, "destroy"), Assert.Single(outcome.Debits));
        // destroy.validate: "balance insufficient", "destination exists".
        Assert.Equal("invalid: balance insufficient", ledger.Apply(Tx(110, Convert.FromHexString("0000000000000001" + "4000000000000000"), A0)).Status);
        Assert.Equal("invalid: destination exists", ledger.Apply(Tx(110, Convert.FromHexString("0000000000000001" + "0000000000000001"), A0, A1)).Status);
    }

    [Fact]
    public void Dividend_pays_holders_but_not_the_source_and_charges_the_fee()
    {
        // dividend.py: quantity_per_unit x balance (/ UNIT for a divisible asset), no dividend to self (296000),
        // fee int(0.0002 * UNIT * holders) from 330000, "only issuer can pay dividends".
        var ledger = Ledger((A0, "XCP", 1_000_000_000), (A0, "DIVIDEND", 10), (A1, "DIVIDEND", 300_000_000), (P2ms0, "DIVIDEND", 50_000_000));
        ledger.LoadAsset(Asset("DIVIDEND", A0));
        var id = AssetNames.TryGetId("DIVIDEND", out var assetId) ? assetId : 0UL;
        var body = MessageEncoder.Dividend(5, id, 1, true)[1..];
        var outcome = ledger.Apply(Tx(50, body, A0));
        Assert.True(outcome.IsValid, outcome.Status);
        Assert.Equal([new LedgerEntry(A0, "XCP", 17, "dividend"), new LedgerEntry(A0, "XCP", 40000, "dividend fee")], outcome.Debits.ToArray());
        Assert.Equal([new LedgerEntry(A1, "XCP", 15, "dividend"), new LedgerEntry(P2ms0, "XCP", 2, "dividend")], outcome.Credits.ToArray());
        Assert.Equal("invalid: only issuer can pay dividends", ledger.Apply(Tx(50, body, A1)).Status);
    }

    [Fact]
    public void Mpma_is_all_or_nothing()
    {
        // mpma.py: each asset's total must be covered; one debit per asset, one credit per recipient ("mpma send").
        const string legacy = "00026f4e5638a01efbb2f292481797ae1dcfcdaeb98d006f8d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec400000000000000060000000005f5e10040000000017d78400";
        var rules = Rules with { MpmaTaprootSupport = int.MaxValue, TaprootSupport = int.MaxValue };
        var message = CounterpartyMessageDecoder.Decode([3, .. Convert.FromHexString(legacy)], rules, 1000).Message;
        var poor = new CounterpartyLedger(rules);
        poor.LoadBalance(A0, "XCP", 100);
        Assert.StartsWith("invalid: insufficient funds for asset XCP", poor.Apply(new LedgerTx("m", 1, 1000, A0, null, 0, false, message, null)).Status, StringComparison.Ordinal);
        Assert.Equal(100, poor.BalanceOf(A0, "XCP"));
        var rich = new CounterpartyLedger(rules);
        rich.LoadBalance(A0, "XCP", 1_000_000_000);
        var outcome = rich.Apply(new LedgerTx("m", 1, 1000, A0, null, 0, false, message, null));
        Assert.True(outcome.IsValid, outcome.Status);
        // The two sends of the message: 100000000 XCP each (compose_test.py's MPMA).
        Assert.Equal(new LedgerEntry(A0, "XCP", 200000000, "mpma send"), Assert.Single(outcome.Debits));
        Assert.Equal(2, outcome.Credits.Length);
    }

    [Fact]
    public void Sweep_charges_the_antispam_fee_then_moves_balances_and_ownership()
    {
        // sweep.py get_total_fee: "balances_count * antispamfee * 2 + issuances_count * antispamfee * 4" with
        // sweep_antispam_fee 0.001 XCP; flags 1 (balances) | 2 (ownership).
        var ledger = Ledger((A0, "XCP", 1_000_000), (A0, "SWEEPME", 7));
        ledger.LoadAsset(Asset("SWEEPME", A0));
        var body = MessageEncoder.Sweep(PackedAddress.PackLegacy("mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", NBitcoin.Network.RegTest), 3, [], true)[1..];
        var outcome = ledger.Apply(Tx(4, body, A0));
        Assert.True(outcome.IsValid, outcome.Status);
        Assert.Equal(new LedgerEntry(A0, "XCP", 2 * 100000 * 2 + 1 * 100000 * 4, "sweep fee"), outcome.Debits[0]);
        Assert.Contains(new LedgerEntry("mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", "SWEEPME", 7, "sweep"), outcome.Credits);
        Assert.Contains(new LedgerEntry("mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", "XCP", 1_000_000 - 800000, "sweep"), outcome.Credits);
        Assert.Equal("mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", ledger.AssetOf("SWEEPME")!.Issuer);
        // Nothing left to sweep: the fee is 0 and the sweep is valid; 100 sats of XCP cannot pay 0.002 XCP.
        Assert.True(ledger.Apply(Tx(4, body, A0)).IsValid);
        var poor = Ledger((A1, "XCP", 100));
        Assert.StartsWith("invalid: insufficient XCP balance for sweep. Need 0.002 XCP", poor.Apply(Tx(4, body, A1)).Status, StringComparison.Ordinal);
    }

    [Fact]
    public void Orders_and_dispensers_escrow_what_they_offer()
    {
        var ledger = Ledger((A0, "XCP", 1000));
        // order.py: "give_quantity = balance" when the balance is short, then the "open order" debit.
        var order = ledger.Apply(Tx(10, MessageEncoder.Order(1, 5000, 0, 10, 100, 0, true)[1..], A0));
        Assert.Equal(new LedgerEntry(A0, "XCP", 1000, "open order"), Assert.Single(order.Debits));
        Assert.Equal("invalid: zero give quantity", ledger.Apply(Tx(10, MessageEncoder.Order(1, 5000, 0, 10, 100, 0, true)[1..], A0)).Status);
        ledger.LoadBalance(A1, "XCP", 500);
        var dispenser = ledger.Apply(Tx(12, MessageEncoder.Dispenser(1, 100, 400, 1000, 0, true)[1..], A1));
        Assert.Equal(new LedgerEntry(A1, "XCP", 400, "open dispenser"), Assert.Single(dispenser.Debits));
        Assert.StartsWith("invalid: address doesn't have enough balance", ledger.Apply(Tx(12, MessageEncoder.Dispenser(1, 100, 400, 1000, 0, true)[1..], A1)).Status, StringComparison.Ordinal);
        // What needs matching, dispenses or closings is reported, not guessed.
        Assert.StartsWith("not computed:", ledger.Apply(Tx(12, MessageEncoder.Dispenser(1, 100, 400, 1000, 10, true)[1..], A1)).Status, StringComparison.Ordinal);
        Assert.StartsWith("not computed:", ledger.Apply(Tx(40, MessageEncoder.Bet(0, 1, 10, 10, 0, 5040, 10, true)[1..], A1)).Status, StringComparison.Ordinal);
    }

    [Fact]
    public void Undecodable_or_sourceless_transactions()
    {
        var ledger = Ledger();
        Assert.Equal("invalid: could not unpack (x)", ledger.Apply(new LedgerTx("u", 1, 1, A0, null, 0, false, null, "x")).Status);
        Assert.StartsWith("not computed: source unknown", ledger.Apply(new LedgerTx("u", 1, 1, null, null, 0, false, null, null)).Status, StringComparison.Ordinal);
    }
}
