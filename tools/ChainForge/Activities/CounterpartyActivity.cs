using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;
using Explorer.ChainForge.Wallet;
using Explorer.Protocols.Counterparty;
using NBitcoin;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// Counterparty activity: sends, enhanced sends (CBOR), issuances of numeric assets, broadcasts, orders, cancels (of
/// the scenario's own orders), dividends (on its own assets), destroys, sweeps, dispensers, fairminters and fairmints
/// (CBOR), attach and detach, built with the project's <see cref="MessageEncoder"/> and <see cref="CborMessageComposer"/>
/// and carried by <see cref="CounterpartyEncoder"/> in OP_RETURN (ARC4 with input 0's previous txid) or in 1-of-3 bare
/// multisig outputs (messages too long for OP_RETURN, and some short ones). Regtest rules have every protocol change in
/// force (short type IDs, CBOR layouts). The ground truth is the message the scenario meant to send (type, carrier,
/// fields under counterparty-core's unpack names), recorded under the block's "protocolEvents".
/// Spec: https://github.com/CounterpartyXCP/counterparty-core (lib/messages, lib/api/composer.py).
/// </summary>
public sealed partial class CounterpartyActivity(double transactionsPerBlock, bool p2sh = false) : IScenarioActivity
{
    public const string Prefix = "CNTRPRTY";
    public const long DustValue = 5_430;
    public const long MultisigValue = 7_800;
    /// <summary>26^12 + 1, the first numeric asset ID ("A" + id).</summary>
    public const ulong FirstNumericId = 95_428_956_661_682_177UL;
    private static readonly Money MinFunding = Money.Satoshis(100_000);
    private State _state = new(0, [], []);

    public string Name => "counterparty";

    public void Contribute(BlockContext block)
    {
        var count = (int)transactionsPerBlock + (block.Random.NextDouble() < transactionsPerBlock % 1 ? 1 : 0);
        for (var i = 0; i < count; i++)
        {
            var funding = block.TakeCoin(MinFunding, c => c.Owner.Kind is ScriptKind.P2pkh or ScriptKind.P2wpkh);
            if (funding is null)
            {
                return;
            }

            if (p2sh && block.Random.Next(4) == 0)
            {
                P2shBroadcast(block, funding);
                continue;
            }

            var roll = block.Random.Next(100);
            Action<BlockContext, ForgeCoin> message = roll switch
            {
                < 12 => Send,
                < 24 => EnhancedSend,
                < 40 => Issue,
                < 50 => Broadcast,
                < 58 => Order,
                < 63 => Cancel,
                < 68 => Dividend,
                < 73 => Destroy,
                < 78 => Sweep,
                < 84 => Dispenser,
                < 89 => Fairminter,
                < 92 => Fairmint,
                < 95 => Attach,
                < 97 => Detach,
                _ => Mpma,
            };
            message(block, funding);
        }
    }

    public object SaveState() => _state;

    public void RestoreState(object state) => _state = (State)state;

    public JsonNode FinalState() => new JsonObject { ["issuances"] = _state.Issued };

    private static void Send(BlockContext block, ForgeCoin funding)
    {
        var quantity = (ulong)block.Random.NextInt64(1, 100_000_000);
        var destination = RandomAddress(block);
        var data = MessageEncoder.Send(1, quantity, shortIds: true);
        var fields = new JsonObject { ["asset"] = "XCP", ["quantity"] = quantity };
        Build(block, funding, "send", data, fields, destination);
    }

    private static void EnhancedSend(BlockContext block, ForgeCoin funding)
    {
        var quantity = (ulong)block.Random.NextInt64(1, 100_000_000);
        var destination = RandomAddress(block);
        var memo = new byte[block.Random.Next(0, 9)];
        block.Random.NextBytes(memo);
        var data = MessageEncoder.EnhancedSendCbor(1, quantity, PackedAddress.PackTagged(destination.Address, Network.RegTest), memo);
        var fields = new JsonObject
        {
            ["asset"] = "XCP",
            ["quantity"] = quantity,
            ["address"] = destination.Address,
            ["memo"] = memo.Length == 0 ? null : Convert.ToHexStringLower(memo),
        };
        Build(block, funding, "enhanced_send", data, fields, null);
    }

    private void Issue(BlockContext block, ForgeCoin funding)
    {
        var issued = _state.Issued + 1;
        var id = FirstNumericId + (ulong)block.Height * 100 + (ulong)_state.Issued % 100;
        _state = _state with { Issued = issued, Assets = _state.Assets.Add(id) };
        var quantity = (ulong)block.Random.NextInt64(1, 1_000_000_000);
        var divisible = block.Random.Next(2) == 0;
        // Long descriptions do not fit OP_RETURN (8 + len(data) > 80) and go to multisig.
        var description = block.Random.Next(3) == 0
            ? $"forged asset {issued}: " + new string('x', block.Random.Next(60, 120))
            : $"forged asset {issued}";
        var data = MessageEncoder.Issuance(MessageTypes.Issuance, id, quantity, divisible, false, false, description, shortIds: true);
        var fields = new JsonObject
        {
            ["asset"] = AssetName(id),
            ["quantity"] = quantity,
            ["divisible"] = divisible,
            ["description"] = description,
        };
        Build(block, funding, "issuance", data, fields, null);
    }

    private static void Broadcast(BlockContext block, ForgeCoin funding)
    {
        var value = Math.Round(block.Random.NextDouble() * 1000, 3);
        var fee = (uint)block.Random.Next(0, 1000);
        var text = block.Random.Next(2) == 0 ? $"price {value} at {block.Height}" : $"long broadcast at {block.Height}: " + new string('y', 70);
        var data = MessageEncoder.Broadcast(block.Time, value, fee, text, packText: true, shortIds: true);
        var fields = new JsonObject { ["timestamp"] = block.Time, ["value"] = value, ["fee_fraction_int"] = fee, ["text"] = text };
        Build(block, funding, "broadcast", data, fields, null);
    }

    private static IncludedTransaction Build(BlockContext block, ForgeCoin funding, string type, byte[] data, JsonObject fields, WalletAddress? destination)
    {
        var tx = Transaction.Create(Network.RegTest);
        tx.Version = 2;
        tx.Inputs.Add(new TxIn(funding.OutPoint));
        var key = funding.OutPoint.Hash.ToBytes();
        Array.Reverse(key);
        var spent = 0L;
        if (destination is not null)
        {
            // composer.py: the destination output comes before the data outputs.
            tx.Outputs.Add(new TxOut(Money.Satoshis(DustValue), destination.ScriptPubKey));
            spent += DustValue;
        }

        // "OP_RETURN is used if 8 + len(data) <= 80"; otherwise (and for a share of short messages) bare multisig.
        var opReturn = Prefix.Length + data.Length <= 80 && block.Random.Next(4) != 0;
        if (opReturn)
        {
            tx.Outputs.Add(new TxOut(Money.Zero, CounterpartyEncoder.OpReturn(key, Prefix, data)));
        }
        else
        {
            foreach (var script in CounterpartyEncoder.Multisig(key, Prefix, data, funding.Owner.Key.PubKey))
            {
                tx.Outputs.Add(new TxOut(Money.Satoshis(MultisigValue), script));
                spent += MultisigValue;
            }
        }

        var vsize = 11 + 148 + (43 * tx.Outputs.Count) + 43 + (opReturn ? 90 : 0) + (110 * tx.Outputs.Count);
        tx.Outputs.Add(new TxOut(funding.TxOut.Value - spent - BlockContext.FeeFor(vsize, 3), funding.Owner.ScriptPubKey));
        var included = block.Include(tx, [funding]);
        var e = new JsonObject
        {
            ["txid"] = included.Txid.ToString(),
            ["protocol"] = "counterparty",
            ["kind"] = type,
            ["carrier"] = opReturn ? "opreturn" : "multisig",
            ["source"] = funding.Owner.Address,
            ["fields"] = fields,
        };
        if (destination is not null)
        {
            e["destination"] = destination.Address;
        }

        block.Record(e);
        return included;
    }

    private static string AssetName(ulong id) => "A" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static WalletAddress RandomAddress(BlockContext block) =>
        block.Wallet.Get(block.Random.Next(block.Wallet.KeyCount), ScriptKind.P2pkh);

    /// <summary>What the activity remembers across blocks (restorable at a fork): issuances so far, the numeric assets
    /// it issued (dividends, dispensers, fairmints refer to them) and its open orders (cancels refer to them).</summary>
    private sealed record State(int Issued, ImmutableList<ulong> Assets, ImmutableList<string> Orders);
}
