using System.Globalization;
using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;
using Explorer.Protocols.Counterparty;
using NBitcoin;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// The DEX, dividend, destroy, sweep, dispenser, fair-mint and UTXO messages of the Counterparty activity. Each records
/// the fields as counterparty-core's unpack names them (lib/messages/*.py), with the values the scenario chose.
/// </summary>
public sealed partial class CounterpartyActivity
{
    private const ulong XcpId = 1;
    private const ulong BtcId = 0;

    /// <summary>order.py "&gt;QQQQHQ": give XCP for BTC or for one of the scenario's assets.</summary>
    private void Order(BlockContext block, ForgeCoin funding)
    {
        var getId = _state.Assets.IsEmpty || block.Random.Next(3) == 0 ? BtcId : OwnAsset(block);
        var giveQuantity = (ulong)block.Random.NextInt64(1, 100_000_000);
        var getQuantity = (ulong)block.Random.NextInt64(1, 100_000_000);
        var expiration = (ushort)block.Random.Next(1, 8_065);
        var feeRequired = getId == BtcId ? (ulong)block.Random.Next(0, 10_000) : 0UL;
        var data = MessageEncoder.Order(XcpId, giveQuantity, getId, getQuantity, expiration, feeRequired, shortIds: true);
        var fields = new JsonObject
        {
            ["give_asset"] = "XCP",
            ["give_quantity"] = giveQuantity,
            ["get_asset"] = getId == BtcId ? "BTC" : AssetName(getId),
            ["get_quantity"] = getQuantity,
            ["expiration"] = expiration,
            ["fee_required"] = feeRequired,
        };
        var included = Build(block, funding, "order", data, fields, null);
        _state = _state with { Orders = _state.Orders.Add(included.Txid.ToString()) };
    }

    /// <summary>cancel.py "&gt;32s": the offer hash of one of the scenario's orders (the txid as hex).</summary>
    private void Cancel(BlockContext block, ForgeCoin funding)
    {
        if (_state.Orders.IsEmpty)
        {
            Order(block, funding);
            return;
        }

        var offer = _state.Orders[block.Random.Next(_state.Orders.Count)];
        _state = _state with { Orders = _state.Orders.Remove(offer) };
        var data = MessageEncoder.Cancel(Convert.FromHexString(offer), shortIds: true);
        Build(block, funding, "cancel", data, new JsonObject { ["offer_hash"] = offer }, null);
    }

    /// <summary>dividend.py "&gt;QQQ" (new_dividend_format): XCP per unit of one of the scenario's assets.</summary>
    private void Dividend(BlockContext block, ForgeCoin funding)
    {
        if (_state.Assets.IsEmpty)
        {
            Issue(block, funding);
            return;
        }

        var asset = OwnAsset(block);
        var perUnit = (ulong)block.Random.NextInt64(1, 1_000_000);
        var data = MessageEncoder.Dividend(perUnit, asset, XcpId, shortIds: true);
        var fields = new JsonObject { ["quantity_per_unit"] = perUnit, ["asset"] = AssetName(asset), ["dividend_asset"] = "XCP" };
        Build(block, funding, "dividend", data, fields, null);
    }

    /// <summary>destroy.py "&gt;QQ" + a tag of at most 34 bytes.</summary>
    private void Destroy(BlockContext block, ForgeCoin funding)
    {
        var asset = _state.Assets.IsEmpty || block.Random.Next(2) == 0 ? XcpId : OwnAsset(block);
        var quantity = (ulong)block.Random.NextInt64(1, 10_000_000);
        var tag = block.Random.Next(3) == 0 ? [] : System.Text.Encoding.ASCII.GetBytes($"burn {block.Height}");
        var data = MessageEncoder.Destroy(asset, quantity, tag, shortIds: true);
        var fields = new JsonObject
        {
            ["asset"] = asset == XcpId ? "XCP" : AssetName(asset),
            ["quantity"] = quantity,
            ["tag"] = Convert.ToHexStringLower(tag),
        };
        Build(block, funding, "destroy", data, fields, null);
    }

    /// <summary>sweep.py, CBOR [short_address_bytes, flags, memo]: flags 1 balances, 2 ownership, 3 both.</summary>
    private static void Sweep(BlockContext block, ForgeCoin funding)
    {
        var destination = RandomAddress(block);
        var flags = (ulong)block.Random.Next(1, 4);
        var memo = block.Random.Next(2) == 0 ? string.Empty : $"sweep at {block.Height}";
        var data = CborMessageComposer.Sweep(PackedAddress.PackTagged(destination.Address, Network.RegTest), flags,
            System.Text.Encoding.UTF8.GetBytes(memo));
        var fields = new JsonObject { ["destination"] = destination.Address, ["flags"] = flags, ["memo"] = memo.Length == 0 ? null : memo };
        Build(block, funding, "sweep", data, fields, null);
    }

    /// <summary>dispenser.py "&gt;QQQQB": an open dispenser (status 0) of XCP or one of the scenario's assets.</summary>
    private void Dispenser(BlockContext block, ForgeCoin funding)
    {
        var asset = _state.Assets.IsEmpty || block.Random.Next(2) == 0 ? XcpId : OwnAsset(block);
        var give = (ulong)block.Random.NextInt64(1, 1_000_000);
        var escrow = give * (ulong)block.Random.Next(1, 50);
        var rate = (ulong)block.Random.NextInt64(546, 1_000_000);
        var data = MessageEncoder.Dispenser(asset, give, escrow, rate, 0, shortIds: true);
        var fields = new JsonObject
        {
            ["asset"] = asset == XcpId ? "XCP" : AssetName(asset),
            ["give_quantity"] = give,
            ["escrow_quantity"] = escrow,
            ["mainchainrate"] = rate,
            ["dispenser_status"] = 0,
        };
        Build(block, funding, "dispenser", data, fields, null);
    }

    /// <summary>fairminter.py, CBOR (fairminter_v2: asset IDs): a new numeric asset sold by fair mint.</summary>
    private void Fairminter(BlockContext block, ForgeCoin funding)
    {
        var id = FirstNumericId + ((ulong)block.Height * 100) + 50 + ((ulong)_state.Assets.Count % 50);
        _state = _state with { Assets = _state.Assets.Add(id) };
        string[] names = ["price", "quantity_by_price", "max_mint_per_tx", "max_mint_per_address", "hard_cap", "premint_quantity",
            "start_block", "end_block", "soft_cap", "soft_cap_deadline_block"];
        ulong hardCap = (ulong)block.Random.NextInt64(1_000_000, 1_000_000_000);
        ulong[] integers =
        [
            (ulong)block.Random.Next(0, 1_000), 1, hardCap / 10, hardCap / 5, hardCap, (ulong)block.Random.Next(0, 1_000),
            (ulong)block.Height, (ulong)block.Height + 1_000, hardCap / 2, (ulong)block.Height + 500,
            (ulong)block.Random.Next(1, 100) * 1_000_000,
        ];
        bool[] flags = [block.Random.Next(2) == 0, block.Random.Next(2) == 0, block.Random.Next(2) == 0, block.Random.Next(2) == 0];
        var description = $"fair launch {block.Height}";
        var data = CborMessageComposer.Fairminter(id, 0, integers, flags, "text/plain", System.Text.Encoding.UTF8.GetBytes(description));
        var fields = new JsonObject { ["asset"] = AssetName(id), ["asset_parent"] = string.Empty };
        for (var i = 0; i < names.Length; i++)
        {
            fields[names[i]] = integers[i];
        }

        // "minted_asset_commission = D(minted_asset_commission_int) / D(1e8)"
        fields["minted_asset_commission"] = integers[10] / 100_000_000m;
        fields["burn_payment"] = flags[0];
        fields["lock_description"] = flags[1];
        fields["lock_quantity"] = flags[2];
        fields["divisible"] = flags[3];
        fields["mime_type"] = "text/plain";
        fields["description"] = description;
        Build(block, funding, "fairminter", data, fields, null);
    }

    /// <summary>fairmint.py, CBOR [asset_id, quantity].</summary>
    private void Fairmint(BlockContext block, ForgeCoin funding)
    {
        if (_state.Assets.IsEmpty)
        {
            Fairminter(block, funding);
            return;
        }

        var asset = OwnAsset(block);
        var quantity = (ulong)block.Random.NextInt64(1, 1_000_000);
        Build(block, funding, "fairmint", CborMessageComposer.Fairmint(asset, quantity),
            new JsonObject { ["asset"] = AssetName(asset), ["quantity"] = quantity }, null);
    }

    /// <summary>attach.py "asset|quantity|destination_vout" (an empty vout: the first non-OP_RETURN output).</summary>
    private void Attach(BlockContext block, ForgeCoin funding)
    {
        var asset = _state.Assets.IsEmpty || block.Random.Next(2) == 0 ? "XCP" : AssetName(OwnAsset(block));
        var quantity = block.Random.NextInt64(1, 10_000_000);
        var vout = block.Random.Next(2) == 0 ? string.Empty : "0";
        var data = MessageEncoder.Text(MessageTypes.Attach, asset, quantity.ToString(CultureInfo.InvariantCulture), vout);
        var fields = new JsonObject { ["asset"] = asset, ["quantity"] = quantity, ["destination_vout"] = vout.Length == 0 ? null : 0 };
        Build(block, funding, "attach", data, fields, null);
    }

    /// <summary>detach.py: the destination address, or "0" for none (credit back to the source).</summary>
    private static void Detach(BlockContext block, ForgeCoin funding)
    {
        var destination = block.Random.Next(3) == 0 ? null : RandomAddress(block).Address;
        var data = MessageEncoder.Text(MessageTypes.Detach, destination ?? "0");
        Build(block, funding, "detach", data, new JsonObject { ["destination"] = destination }, null);
    }

    /// <summary>mpma.py: 2 to 4 sends of XCP and the scenario's assets to 2 or 3 P2PKH addresses, one message memo.</summary>
    private void Mpma(BlockContext block, ForgeCoin funding)
    {
        var destinations = Enumerable.Range(0, block.Random.Next(2, 4)).Select(_ => RandomAddress(block).Address).Distinct().ToList();
        var sends = new List<(ulong AssetId, string Destination, ulong Quantity)>();
        foreach (var asset in _state.Assets.IsEmpty ? [XcpId] : new[] { XcpId, OwnAsset(block) }.Distinct())
        {
            // One asset pays each address at most once (a group lists distinct recipients).
            foreach (var destination in destinations.Where(_ => block.Random.Next(3) != 0).DefaultIfEmpty(destinations[0]))
            {
                sends.Add((asset, destination, (ulong)block.Random.NextInt64(1, 100_000_000)));
            }
        }

        var memo = block.Random.Next(2) == 0 ? null : $"mpma {block.Height}";
        var data = MpmaEncoder.Encode(sends, memo, CounterpartyRules.Regtest, block.Height);
        var list = new JsonArray([.. sends.Select(s => (JsonNode)new JsonObject
        {
            ["asset"] = s.AssetId == XcpId ? "XCP" : AssetName(s.AssetId),
            ["destination"] = s.Destination,
            ["quantity"] = s.Quantity,
            ["memo"] = memo,
            ["memo_is_hex"] = memo is null ? null : false,
        })]);
        Build(block, funding, "mpma", data, new JsonObject { ["sends"] = list }, null);
    }

    private ulong OwnAsset(BlockContext block) => _state.Assets[block.Random.Next(_state.Assets.Count)];
}
