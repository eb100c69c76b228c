using System.Collections.Immutable;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Web.Services;

/// <summary>The generic (protocol-independent) view of a transaction: ids, sizes, inputs and outputs.</summary>
public sealed record TransactionSummary(
    string Txid,
    string Wtxid,
    uint Version,
    uint LockTime,
    int Size,
    int VirtualSize,
    string Network,
    ImmutableArray<TxInputRow> Inputs,
    ImmutableArray<TxOutputRow> Outputs,
    long? OutputTotal,
    long? Fee)
{
    public static TransactionSummary From(DecodeRequest request)
    {
        var tx = request.Tx;
        var network = request.Network;
        var inputs = tx.Inputs.Select((input, i) =>
        {
            var prev = request.PrevoutOf(i);
            return new TxInputRow(
                i,
                input.PrevOut.Hash.ToString(),
                input.PrevOut.N,
                tx.IsCoinBase,
                input.ScriptSig.ToHex(),
                input.ScriptSig.ToString(),
                input.WitScript?.PushCount ?? 0,
                input.Sequence.Value,
                prev?.Value.Satoshi,
                prev?.ScriptPubKey.ToHex(),
                prev is null ? null : AddressOf(prev.ScriptPubKey, network));
        }).ToImmutableArray();

        var outputs = tx.Outputs.Select((output, i) => new TxOutputRow(
            i,
            output.Value.Satoshi,
            output.ScriptPubKey.ToHex(),
            output.ScriptPubKey.ToString(),
            ScriptKinds.Of(output.ScriptPubKey),
            AddressOf(output.ScriptPubKey, network))).ToImmutableArray();

        // Null when the sum leaves 64 bits (a pasted transaction need not be valid: consensus caps it at 21,000,000 BTC).
        var outputTotal = Fits(outputs.Aggregate(Int128.Zero, (sum, o) => sum + o.Value));
        long? fee = outputTotal is { } total && !tx.IsCoinBase && inputs.Length > 0 && inputs.All(i => i.PrevValue is not null)
            ? Fits(inputs.Aggregate(Int128.Zero, (sum, i) => sum + i.PrevValue!.Value) - total)
            : null;

        return new TransactionSummary(
            tx.GetHash().ToString(),
            tx.GetWitHash().ToString(),
            tx.Version,
            tx.LockTime.Value,
            tx.GetSerializedSize(),
            tx.GetVirtualSize(),
            NetworkName(network),
            inputs,
            outputs,
            outputTotal,
            fee);
    }

    private static string? AddressOf(Script script, Network network) =>
        script.GetDestinationAddress(network)?.ToString();

    private static long? Fits(Int128 value) => value >= long.MinValue && value <= long.MaxValue ? (long)value : null;

    private static string NetworkName(Network network) =>
        network.ChainName == ChainName.Mainnet ? "main" : network.ChainName == ChainName.Testnet ? "test" : "regtest";
}
