using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>Shared helpers for the Counterparty tests: data files copied under data/counterparty, requests.</summary>
internal static class XcpTestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "data", "counterparty", name);

    public static JsonElement Vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf("vectors.json")));
        return doc.RootElement.GetProperty("vectors").Clone();
    }

    public static JsonElement Vector(string id) =>
        Vectors().EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);

    public static Transaction Tx(string hex, Network network) => Transaction.Parse(hex, network);

    public static DecodeRequest Request(Transaction tx, Network network, int? height = null, string prefix = "CNTRPRTY",
        params TxOut?[] prevouts) => new(tx, [.. prevouts], [], height, network, prefix);

    public static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    /// <summary>An unsigned transaction spending <paramref name="prevTxid"/>:0 with the given outputs.</summary>
    public static Transaction Build(Network network, string prevTxid, params (Script Script, long Value)[] outputs)
    {
        var tx = network.CreateTransaction();
        tx.Inputs.Add(new OutPoint(uint256.Parse(prevTxid), 0));
        foreach (var (script, value) in outputs) tx.Outputs.Add(Money.Satoshis(value), script);
        return tx;
    }

    public static ImmutableArray<byte> Key(string prevTxid) => [.. Convert.FromHexString(prevTxid)];
}
