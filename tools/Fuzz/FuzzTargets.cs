using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Decoding;
using Explorer.Protocols.OpenAssets;
using NBitcoin;

namespace Explorer.Fuzz;

/// <summary>
/// Every decoder entry point as a fuzz target. Inputs the harness cannot turn into a call (bytes that are no
/// transaction for a transaction target) return quietly; everything else goes to the decoder, whose contract is
/// "never throws on malformed input" (../shared/docs/style.md), so any escaping exception is a finding.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Rules and heights the message target switches between (first input byte mod count): every era of
    /// protocol_changes.json that changes message layouts, on mainnet, plus testnet3 and regtest.</summary>
    public static readonly ImmutableArray<(CounterpartyRules Rules, int? Height)> MessageEras =
    [
        (CounterpartyRules.Mainnet, null), (CounterpartyRules.Mainnet, 280000), (CounterpartyRules.Mainnet, 285000),
        (CounterpartyRules.Mainnet, 300000), (CounterpartyRules.Mainnet, 430000), (CounterpartyRules.Mainnet, 480000),
        (CounterpartyRules.Mainnet, 560000), (CounterpartyRules.Mainnet, 600000), (CounterpartyRules.Mainnet, 700000),
        (CounterpartyRules.Mainnet, 760000), (CounterpartyRules.Mainnet, 830000), (CounterpartyRules.Mainnet, 870000),
        (CounterpartyRules.Mainnet, 910000), (CounterpartyRules.Testnet3, null), (CounterpartyRules.Regtest, null),
    ];

    /// <summary>Colu payloads whose metadata sits (partly) in a bare multisig output (docs/colu.md: 0x02/0x11 keep sha2 in
    /// a 1-of-2, 0x03/0x12 both hashes in a 1-of-3): the issuance vectors cc-issuance-0x02 and cc-issuance-0x03 of
    /// tests/Protocols.Tests/data/colu/colu.json, and transfers 0x11/0x12 with one payment (output 1, amount 15).</summary>
    public static readonly ImmutableArray<byte[]> MultisigPayloads =
    [
        Convert.FromHexString("4343020246b7e0d000d69330ac1caa48c6559763828762e10f01010101010101010101010101010101010101010101010150"),
        Convert.FromHexString("434302030f010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010150"),
        Convert.FromHexString("4343021146b7e0d000d69330ac1caa48c6559763828762e1010f"),
        Convert.FromHexString("43430212010f"),
    ];

    private static readonly int?[] LineHeights = [null, 300000, 500000, 600000, 900000];

    public static readonly ImmutableArray<FuzzTarget> All =
    [
        new("colu-payload", FuzzInputKind.Bytes, "ColuPayloadDecoder.Decode on OP_RETURN payload bytes (with and without fields)",
            ColuPayload, c => [.. c.Payloads.Where(p => ColuPayloadDecoder.HasTag(p)), .. OpReturnPushes(c.Transactions)]),
        new("colu-multisig", FuzzInputKind.Bytes, "ColuMultisigHashes.TryReadKeys and ColuAnswerBuilder on a multisig output 0 (first byte picks a multisig-metadata payload)",
            ColuMultisig, MultisigSeeds),
        new("xcp-extract", FuzzInputKind.Transaction, "CounterpartyExtractor.Extract and CounterpartyAnswerBuilder.Build on a whole transaction (newest, legacy and P2SH-era rules)",
            XcpExtract, c => c.Transactions),
        new("xcp-message", FuzzInputKind.Bytes, "CounterpartyMessageDecoder.Decode on message data (first byte picks rules and height)",
            XcpMessage, MessageSeeds),
        new("oa-marker", FuzzInputKind.Bytes, "MarkerScriptParser.Parse (marker output script) and MarkerPayloadDecoder.Decode (its payload) on the same bytes",
            OaMarker, c => [.. c.Payloads.Where(p => p[0] == MarkerScriptParser.OpReturn || MarkerPayloadDecoder.HasTag(p)), .. OpReturnScripts(c.Transactions)]),
        new("oa-colorize", FuzzInputKind.Transaction, "MarkerLocator.TryFind, OpenAssetsColorizer.Colorize/Destroyed and OpenAssetsAnswerBuilder.Build on a whole transaction with colored inputs",
            OaColorize, c => c.Transactions),
        new("decode-line", FuzzInputKind.Bytes, "DecodeJson.DecodeLine + Serialize on arbitrary bytes as a UTF-8 request line",
            DecodeLineText, c => [.. c.Transactions.Select(t => Encoding.UTF8.GetBytes(RequestLine(t)))]),
        new("decode-line-tx", FuzzInputKind.Transaction, "DecodeJson.DecodeLine + Serialize on a request line built around the input transaction",
            DecodeLineTx, c => c.Transactions),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    private static void ColuPayload(ReadOnlySpan<byte> data)
    {
        ColuPayloadDecoder.Decode(data);
        ColuPayloadDecoder.Decode(data, withFields: false);
    }

    private static void ColuMultisig(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) return;
        var script = data[1..];
        Span<int> offsets = stackalloc int[4];
        for (var keys = 1; keys <= 3; keys++) ColuMultisigHashes.TryReadKeys(script, keys, offsets);
        ColuAnswerBuilder.Build(DecodeRequest.For(MultisigTransaction(data)));
    }

    /// <summary>The colu-multisig target's transaction: output 0 is the script after the selector byte, output 1 the
    /// OP_RETURN with the selected payload, output 2 the script again (a multisig that is not first).</summary>
    public static Transaction MultisigTransaction(ReadOnlySpan<byte> data)
    {
        var payload = MultisigPayloads[data[0] % MultisigPayloads.Length];
        var script = new Script(data[1..].ToArray());
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new OutPoint(uint256.One, 0));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), script));
        tx.Outputs.Add(new TxOut(Money.Zero, TxNullDataTemplate.Instance.GenerateScriptPubKey(payload)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), script));
        return tx;
    }

    private static void XcpExtract(ReadOnlySpan<byte> data)
    {
        if (!TransactionBytes.TryParse(data, out var tx)) return;
        TxOut?[] prevouts = TransactionBytes.SyntheticPrevouts(tx);
        // Newest rules; the legacy parser (before multisig_addresses, 333500); the P2SH-encoding era (585538–902000).
        foreach (var height in (int?[])[null, 300000, 600000])
        {
            CounterpartyExtractor.Extract(tx, prevouts, CounterpartyRules.Mainnet, height, DecodeRequest.DefaultXcpPrefix);
            CounterpartyAnswerBuilder.Build(new DecodeRequest(tx, [.. prevouts], [], height, Network.Main, DecodeRequest.DefaultXcpPrefix));
        }
        // The counterparty-core unit-test vectors use the TESTXXXX prefix on a regtest-style chain.
        CounterpartyAnswerBuilder.Build(new DecodeRequest(tx, [.. prevouts], [], null, Network.RegTest, "TESTXXXX"));
    }

    private static void XcpMessage(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) return;
        var (rules, height) = MessageEras[data[0] % MessageEras.Length];
        CounterpartyMessageDecoder.Decode(data[1..], rules, height);
    }

    private static void OaMarker(ReadOnlySpan<byte> data)
    {
        MarkerScriptParser.Parse(data);
        MarkerPayloadDecoder.Decode(data);
    }

    private static void OaColorize(ReadOnlySpan<byte> data)
    {
        if (!TransactionBytes.TryParse(data, out var tx)) return;
        var prevouts = TransactionBytes.SyntheticPrevouts(tx);
        // Every other input carries units of the asset its previous script issues; quantities grow with the index.
        var colors = new InputColor?[prevouts.Length];
        var assets = new ImmutableArray<InputAsset>[prevouts.Length];
        for (var i = 0; i < colors.Length; i++)
        {
            assets[i] = [];
            if (i % 2 == 1 || prevouts[i] is not { } p) continue;
            var id = OaAssetId.FromScript(p.ScriptPubKey);
            colors[i] = new InputColor(id, (ulong)(i + 1) * 1000);
            assets[i] = [new InputAsset("openassets", id.ToBase58(), (ulong)(i + 1) * 1000)];
        }
        MarkerLocator.TryFind(tx, out _, out _);
        var result = OpenAssetsColorizer.Colorize(tx, colors, prevouts.Length > 0 ? prevouts[0]?.ScriptPubKey : null);
        OpenAssetsColorizer.Destroyed(tx, colors, result);
        OpenAssetsAnswerBuilder.Build(new DecodeRequest(tx, [.. prevouts], [.. assets], null, Network.Main, DecodeRequest.DefaultXcpPrefix));
    }

    private static void DecodeLineText(ReadOnlySpan<byte> data)
    {
        var answer = DecodeJson.DecodeLine(Encoding.UTF8.GetString(data));
        DecodeJson.Serialize(answer);
    }

    private static void DecodeLineTx(ReadOnlySpan<byte> data)
    {
        var line = TransactionBytes.TryParse(data, out _)
            ? RequestLine(data, LineHeights[data.Length % LineHeights.Length])
            : "{\"tx\":\"" + Convert.ToHexStringLower(data) + "\"}";
        DecodeJson.Serialize(DecodeJson.DecodeLine(line));
    }

    /// <summary>A decode-contract request line for a raw transaction, with synthetic previous outputs.</summary>
    public static string RequestLine(ReadOnlySpan<byte> rawTx, int? height = null)
    {
        var sb = new StringBuilder("{\"tx\":\"").Append(Convert.ToHexStringLower(rawTx)).Append('"');
        if (TransactionBytes.TryParse(rawTx, out var tx))
        {
            sb.Append(",\"prevouts\":[");
            var prevouts = TransactionBytes.SyntheticPrevouts(tx);
            for (var i = 0; i < prevouts.Length; i++)
            {
                if (i > 0) sb.Append(',');
                var p = prevouts[i];
                if (p is null) sb.Append("null");
                else sb.Append(CultureInfo.InvariantCulture, $"{{\"script\":\"{Convert.ToHexStringLower(p.ScriptPubKey.ToBytes(true))}\",\"value\":{p.Value.Satoshi}}}");
            }
            sb.Append(']');
        }
        if (height is { } h) sb.Append(CultureInfo.InvariantCulture, $",\"height\":{h}");
        return sb.Append('}').ToString();
    }

    private static IEnumerable<byte[]> OpReturnPushes(IReadOnlyList<byte[]> transactions)
    {
        foreach (var raw in transactions)
        {
            if (!TransactionBytes.TryParse(raw, out var tx)) continue;
            foreach (var o in tx.Outputs)
                foreach (var push in TxNullDataTemplate.Instance.ExtractScriptPubKeyParameters(o.ScriptPubKey) ?? [])
                    if (ColuPayloadDecoder.HasTag(push)) yield return push;
        }
    }

    private static IEnumerable<byte[]> OpReturnScripts(IReadOnlyList<byte[]> transactions)
    {
        foreach (var raw in transactions)
        {
            if (!TransactionBytes.TryParse(raw, out var tx)) continue;
            foreach (var o in tx.Outputs)
                if (MarkerScriptParser.CouldBeMarker(o.ScriptPubKey.ToBytes(true))) yield return o.ScriptPubKey.ToBytes(true);
        }
    }

    private static List<byte[]> MultisigSeeds(SeedCorpus corpus)
    {
        var seeds = new List<byte[]>();
        var sha2 = Convert.FromHexString("ffdf3d6790a21c5fc97a62fe1abc5f66922d7dee3725261ce02e86f078d1900f");
        var torrent = Convert.FromHexString("46b7e0d000d69330ac1caa48c6559763828762e1");
        for (var selector = 0; selector < MultisigPayloads.Length; selector++)
        {
            seeds.Add([(byte)selector, .. ColuMultisigHashes.BuildOutput(sha2).ToBytes(true)]);
            seeds.Add([(byte)selector, .. ColuMultisigHashes.BuildOutput(sha2, torrent).ToBytes(true)]);
        }
        foreach (var raw in corpus.Transactions)
        {
            if (!TransactionBytes.TryParse(raw, out var tx)) continue;
            foreach (var o in tx.Outputs)
                if (PayToMultiSigTemplate.Instance.CheckScriptPubKey(o.ScriptPubKey))
                    seeds.Add([0, .. o.ScriptPubKey.ToBytes(true)]);
        }
        return seeds;
    }

    private static List<byte[]> MessageSeeds(SeedCorpus corpus)
    {
        var seeds = new List<byte[]>();
        foreach (var data in corpus.Payloads.Where(p => !ColuPayloadDecoder.HasTag(p)))
            for (var era = 0; era < MessageEras.Length; era++)
                seeds.Add([(byte)era, .. data]);
        return seeds;
    }
}
