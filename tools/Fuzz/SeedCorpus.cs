using System.Text.Json;
using NBitcoin;

namespace Explorer.Fuzz;

/// <summary>
/// Seeds from the decoder tests' vectors (tests/Protocols.Tests/data, copied beside the harness as data/): every hex
/// string in the JSON files, sorted by its key into whole transactions (parsable, under keys "hex" or naming "tx") and payloads/messages
/// (every other key), plus the transactions of the mainnet block file that carry OP_RETURN or bare multisig outputs.
/// </summary>
public sealed class SeedCorpus
{
    private const int MaxBlockTransactions = 200;
    private const int PlainBlockTransactions = 20;

    public IReadOnlyList<byte[]> Transactions { get; }

    /// <summary>Hex strings that are not whole transactions: Colu payloads, Counterparty message data, scripts.</summary>
    public IReadOnlyList<byte[]> Payloads { get; }

    private SeedCorpus(IReadOnlyList<byte[]> transactions, IReadOnlyList<byte[]> payloads)
    {
        Transactions = transactions;
        Payloads = payloads;
    }

    /// <summary>The folder data/ beside the harness assembly (or <paramref name="dataDirectory"/>).</summary>
    public static SeedCorpus Load(string? dataDirectory = null)
    {
        var dir = dataDirectory ?? Path.Combine(AppContext.BaseDirectory, "data");
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"seed data folder not found: {dir}");
        var transactions = new List<byte[]>();
        var payloads = new List<byte[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            Walk(doc.RootElement, null, transactions, payloads, seen);
        }
        foreach (var file in Directory.EnumerateFiles(dir, "*.raw", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            AddBlock(File.ReadAllBytes(file), transactions);
        return new SeedCorpus(transactions, payloads);
    }

    private static void Walk(JsonElement el, string? key, List<byte[]> transactions, List<byte[]> payloads, HashSet<string> seen)
    {
        switch (el.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in el.EnumerateObject()) Walk(p.Value, p.Name, transactions, payloads, seen);
                break;
            case JsonValueKind.Array:
                foreach (var item in el.EnumerateArray()) Walk(item, key, transactions, payloads, seen);
                break;
            case JsonValueKind.String:
                var text = el.GetString()!;
                if (text.Length < 4 || text.Length % 2 != 0 || !IsHex(text) || !seen.Add(text)) break;
                var bytes = Convert.FromHexString(text);
                if (key is not null && (key == "hex" || key.Contains("tx", StringComparison.OrdinalIgnoreCase)) && ParsesAsTransaction(bytes))
                    transactions.Add(bytes);
                else
                    payloads.Add(bytes);
                break;
            default:
                break;
        }
    }

    private static bool IsHex(string s)
    {
        foreach (var c in s)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    private static bool ParsesAsTransaction(byte[] bytes) => TransactionBytes.TryParse(bytes, out _);

    private static void AddBlock(byte[] raw, List<byte[]> transactions)
    {
        // Data carriers first (OP_RETURN, bare multisig: where the three protocols live), then plain transactions.
        var block = Block.Load(raw, Network.Main);
        var carriers = block.Transactions.Where(IsCarrier).Take(MaxBlockTransactions).ToList();
        var plain = block.Transactions.Where(t => !IsCarrier(t) && !t.IsCoinBase).Take(PlainBlockTransactions);
        foreach (var tx in carriers.Concat(plain)) transactions.Add(tx.ToBytes());
    }

    private static bool IsCarrier(Transaction tx) => tx.Outputs.Any(o =>
    {
        var s = o.ScriptPubKey.ToBytes(true);
        return s.Length > 0 && (s[0] == (byte)OpcodeType.OP_RETURN || s[^1] == (byte)OpcodeType.OP_CHECKMULTISIG);
    });
}
