using System.Collections;
using System.Text.Json;
using Explorer.Protocols.Common;
using Explorer.Protocols.Counterparty;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// Cases from counterparty-core's own test suites (data/counterparty/core-cases.json; each case cites repository,
/// path@commit and test): message data in, the unpack result of counterparty-core out (its "status", a ledger
/// verdict, is left out). Spec: ../shared/docs/protocols.md (https://github.com/CounterpartyXCP/counterparty-core) 3.5-3.7.
/// </summary>
public class CounterpartyCoreCaseTests
{
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases().EnumerateArray()) data.Add(c.GetProperty("id").GetString()!);
        return data;
    }

    private static JsonElement Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(XcpTestData.PathOf("core-cases.json")));
        return doc.RootElement.GetProperty("cases").Clone();
    }

    // The cases come from counterparty-core before mpma_taproot_support (v11.4.0) existed: its regtest read MPMA
    // address tables in the 21-byte legacy layout.
    private static readonly CounterpartyRules CaseRegtest = CounterpartyRules.Regtest with { MpmaTaprootSupport = int.MaxValue };

    private static CounterpartyRules Rules(string name) => name switch
    {
        "regtest" => CaseRegtest,
        "regtest-no-taproot" => CaseRegtest with { TaprootSupport = int.MaxValue, FairminterV2 = int.MaxValue, P2shDisabled = int.MaxValue },
        "regtest-no-subassets" => CaseRegtest with { Subassets = int.MaxValue, TaprootSupport = int.MaxValue },
        "regtest-no-short-ids" => CaseRegtest with { ShortTxTypeId = int.MaxValue, EnhancedSends = int.MaxValue },
        "mainnet" => CounterpartyRules.Mainnet,
        _ => throw new ArgumentException(name),
    };

    [Fact]
    public void There_are_at_least_100_cases_covering_every_decoded_message_type()
    {
        var cases = Cases().EnumerateArray().ToList();
        Assert.True(cases.Count >= 100, $"{cases.Count} cases");
        var types = cases.Select(c => c.GetProperty("messageType").GetString()).ToHashSet();
        foreach (var t in new[] { "send", "enhanced_send", "mpma", "sweep", "order", "btcpay", "dispenser", "dispense", "issuance",
                     "broadcast", "bet", "dividend", "cancel", "destroy", "rps", "rpsresolve", "attach", "detach", "fairminter", "unknown" })
            Assert.Contains(t, types);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Case_decodes_like_counterparty_core(string id)
    {
        var c = Cases().EnumerateArray().Single(x => x.GetProperty("id").GetString() == id);
        var rules = Rules(c.GetProperty("rules").GetString()!);
        int? height = c.GetProperty("height").ValueKind == JsonValueKind.Number ? c.GetProperty("height").GetInt32() : null;
        var result = CounterpartyMessageDecoder.Decode(Convert.FromHexString(c.GetProperty("data").GetString()!), rules, height);
        Assert.NotNull(result.Message);
        Assert.Equal(c.GetProperty("messageTypeId").GetInt32(), result.Message.TypeId);
        Assert.Equal(c.GetProperty("messageType").GetString(), result.Message.Type);
        Assert.Equal(c.GetProperty("valid").GetBoolean(), result.IsValid);
        if (c.TryGetProperty("error", out var error))
            Assert.Equal(Enum.Parse<DecodeError>(error.GetString()!), result.Error);
        if (!c.TryGetProperty("fields", out var fields)) return;
        foreach (var field in fields.EnumerateObject())
            AssertValue(field.Name, field.Value, result.Message[field.Name], rules.Network);
    }

    private static void AssertValue(string name, JsonElement expected, object? actual, Network network)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Null: Assert.Null(actual); break;
            case JsonValueKind.True or JsonValueKind.False: Assert.Equal(expected.GetBoolean(), actual); break;
            case JsonValueKind.Number when actual is double d: Assert.Equal(expected.GetDouble(), d); break;
            case JsonValueKind.Number: Assert.Equal(expected.GetRawText(), Convert.ToString(actual, System.Globalization.CultureInfo.InvariantCulture)); break;
            case JsonValueKind.String:
                var text = expected.GetString()!;
                if (text.StartsWith("P2PKH:", StringComparison.Ordinal))
                    text = new KeyId(Convert.FromHexString(text[6..])).GetAddress(network).ToString();
                else if (text.StartsWith("P2WPKH:", StringComparison.Ordinal))
                    text = new WitKeyId(Convert.FromHexString(text[7..])).GetAddress(network).ToString();
                Assert.Equal(text, actual);
                break;
            case JsonValueKind.Array:
                var list = Assert.IsAssignableFrom<IList>(actual);
                var items = expected.EnumerateArray().ToList();
                Assert.Equal(items.Count, list.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    var dict = Assert.IsAssignableFrom<IDictionary<string, object?>>(list[i]);
                    foreach (var p in items[i].EnumerateObject()) AssertValue(p.Name, p.Value, dict[p.Name], network);
                }
                break;
            default: throw new InvalidOperationException($"{name}: unsupported expected value");
        }
    }
}
