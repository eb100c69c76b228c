using Explorer.Protocols.Common;

namespace Explorer.Protocols.Counterparty;

// Spec: https://github.com/CounterpartyXCP/counterparty-core (counterpartycore/lib/parser, lib/messages, counterparty-rs) and ../shared/docs/protocols.md section 3.
/// <summary>The outcome of decoding message data: the type (when the type ID could be read) and the fields, or why
/// the body did not unpack (<see cref="Error"/>; fields read before the failure are kept).</summary>
public sealed record XcpMessageResult(XcpMessage? Message, DecodeError Error, string? ErrorMessage)
{
    public bool IsValid => Message is not null && Error == DecodeError.None;
}

/// <summary>
/// Decodes Counterparty message data (type ID + body, prefix already removed) with the layouts of
/// counterparty-core lib/messages/*.py switched at the heights of protocol_changes.json
/// (../shared/docs/protocols.md 3.5-3.7). Never throws on malformed data.
/// </summary>
public static class CounterpartyMessageDecoder
{
    public static XcpMessageResult Decode(ReadOnlySpan<byte> data, CounterpartyRules rules, int? height)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var h = height ?? CounterpartyRules.Newest;
        if (!MessageTypes.TryUnpack(data, h >= rules.ShortTxTypeId, out var typeId, out var idLength))
            return new XcpMessageResult(null, DecodeError.Truncated, "data too short for a message type ID");
        var body = data[idLength..];
        var fields = new FieldList(idLength);
        var numeric = h >= rules.NumericAssetNames;
        var segwit = h >= rules.SegwitSupport;
        var taproot = h >= rules.TaprootSupport;
        var network = rules.Network;
        var result = typeId switch
        {
            MessageTypes.Send => StructMessages.Send(body, fields, numeric),
            MessageTypes.EnhancedSend when h >= rules.EnhancedSends => SendMessages.EnhancedSend(body, fields, network, taproot, segwit),
            MessageTypes.Mpma when h >= rules.MpmaSends => MpmaMessage.Decode(body, fields, network, segwit, taproot, h >= rules.MpmaTaprootSupport),
            MessageTypes.Sweep when h >= rules.SweepSend => SendMessages.Sweep(body, fields, network, taproot, segwit),
            MessageTypes.Order => StructMessages.Order(body, fields, numeric),
            MessageTypes.BtcPay => StructMessages.BtcPay(body, fields),
            MessageTypes.Dispenser when h >= rules.Dispensers => SendMessages.Dispenser(body, fields, network, segwit, taproot, h >= rules.DispenserOriginPermissionExtended),
            MessageTypes.Dispense when h >= rules.Dispensers => StructMessages.Dispense(body, fields),
            MessageTypes.Issuance or MessageTypes.SubassetIssuance or MessageTypes.LrIssuance or MessageTypes.LrSubassetIssuance
                => IssuanceMessage.Decode(body, fields, typeId, rules, h),
            MessageTypes.Broadcast => TextMessages.Broadcast(body, fields, rules, h),
            MessageTypes.Bet => StructMessages.Bet(body, fields),
            MessageTypes.Dividend => StructMessages.Dividend(body, fields, numeric, h >= rules.NewDividendFormat),
            MessageTypes.Cancel => StructMessages.Cancel(body, fields),
            MessageTypes.Rps => StructMessages.Rps(body, fields),
            MessageTypes.RpsResolve => StructMessages.RpsResolve(body, fields),
            MessageTypes.Fairminter when h >= rules.Fairminter => TextMessages.Fairminter(body, fields, rules, h),
            MessageTypes.Fairmint when h >= rules.Fairminter => TextMessages.Fairmint(body, fields, rules, h),
            MessageTypes.Utxo when h >= rules.UtxoSupport => TextMessages.Utxo(body, fields),
            MessageTypes.Attach when h >= rules.UtxoSupport => TextMessages.Attach(body, fields),
            MessageTypes.Detach when h >= rules.UtxoSupport => TextMessages.Detach(body, fields),
            MessageTypes.Destroy => StructMessages.Destroy(body, fields, numeric),
            MessageTypes.PoolDeposit when h >= rules.AmmPools => StructMessages.PoolDeposit(body, fields),
            MessageTypes.PoolWithdraw when h >= rules.AmmPools => StructMessages.PoolWithdraw(body, fields),
            _ => DecodeResult<bool>.Fail(DecodeError.UnknownMessageType, 0, $"message type {typeId} is not in force at this height or unknown"),
        };
        var message = new XcpMessage(typeId, MessageTypes.NameOf(typeId), idLength, fields.ToImmutable());
        return result.IsSuccess
            ? new XcpMessageResult(message, DecodeError.None, null)
            : new XcpMessageResult(message, result.Error, result.ErrorMessage);
    }
}
