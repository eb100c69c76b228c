using System.Collections.Immutable;
using Explorer.Protocols.Common;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Counterparty;

// Spec: https://github.com/CounterpartyXCP/counterparty-core (counterpartycore/lib/parser, lib/messages, counterparty-rs) and ../shared/docs/protocols.md section 3.
/// <summary>
/// Builds the decode contract's Counterparty answer for one transaction (spec: ../shared/docs/protocols.md
/// section 3, ../shared/docs/decode-cli.md). Null when the transaction carries no Counterparty data.
/// </summary>
public static class CounterpartyAnswerBuilder
{
    public static CounterpartyAnswer? Build(DecodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Build(request, CounterpartyRules.ForName(request.Chain) ?? CounterpartyRules.For(request.Network));
    }

    /// <summary>Same, with explicit rules (test suites that mock counterparty-core's protocol changes).</summary>
    public static CounterpartyAnswer? Build(DecodeRequest request, CounterpartyRules rules)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prevouts = request.Prevouts.IsDefault ? [] : request.Prevouts;
        var extraction = CounterpartyExtractor.Extract(request.Tx, prevouts, rules, request.Height, request.XcpPrefix, request.RevealFunding);
        if (!extraction.IsSuccess)
        {
            if (extraction.Error == DecodeError.NotThisProtocol) return null;
            return new CounterpartyAnswer(null, null, null, null, ImmutableDictionary<string, object?>.Empty, null, null, null, null,
                false, extraction.ErrorMessage, RawView.Empty);
        }
        var x = extraction.Value;
        var raw = request.IncludeRaw;
        var layers = ImmutableArray.CreateBuilder<ByteLayer>();
        var notes = ImmutableArray.CreateBuilder<Annotation>();
        if (raw)
        {
            AddChunkLayers(request.Tx, x, layers, notes);
            layers.Add(new ByteLayer("xcp.data", Convert.ToHexStringLower(x.Data)));
        }
        var h = request.Height ?? CounterpartyRules.Newest;
        if (x.IsBurn)
        {
            // Proof-of-burn: "a transaction with no data whose destination is the unspendable address during the burn period".
            var inPeriod = h >= rules.BurnStart && h <= rules.BurnEnd;
            var burnFields = new Dictionary<string, object?> { ["burned"] = x.BtcAmount };
            return new CounterpartyAnswer(null, string.Empty, null, "burn", burnFields, x.Source, x.Destination, x.BtcAmount, x.Fee,
                inPeriod, inPeriod ? null : "burn outside the burn period", raw ? new RawView(layers.ToImmutable(), notes.ToImmutable()) : RawView.Omitted);
        }
        var decoded = CounterpartyMessageDecoder.Decode(x.Data, rules, request.Height);
        var fields = new Dictionary<string, object?>();
        if (decoded.Message is { } message)
        {
            if (raw) notes.Add(new Annotation("message_type_id", message.TypeId.ToString(System.Globalization.CultureInfo.InvariantCulture), "xcp.data", 0, message.TypeIdLength));
            foreach (var field in message.Fields)
            {
                // JSON has no NaN or infinities (a broadcast value or bet target can be any double): write them as text.
                if (!field.AnnotationOnly) fields[field.Name] = field.Value is double d && !double.IsFinite(d) ? Text(d) : field.Value;
                if (raw) notes.Add(new Annotation(field.Name, Text(field.Value), "xcp.data", field.Offset, field.Length));
            }
        }
        return new CounterpartyAnswer(CarrierName(x.Carrier), Convert.ToHexStringLower(x.Data), decoded.Message?.TypeId,
            decoded.Message?.Type, fields, x.Source, x.Destination, x.BtcAmount, x.Fee, decoded.IsValid, decoded.ErrorMessage,
            raw ? new RawView(layers.ToImmutable(), notes.ToImmutable()) : RawView.Omitted);
    }

    public static string? CarrierName(XcpCarrier carrier) => carrier switch
    {
        XcpCarrier.OpReturn => "opreturn",
        XcpCarrier.Multisig => "multisig",
        XcpCarrier.PubkeyHash => "pubkeyhash",
        XcpCarrier.P2sh => "p2sh",
        XcpCarrier.Taproot => "taproot",
        _ => null,
    };

    private static void AddChunkLayers(Transaction tx, XcpExtraction x, ImmutableArray<ByteLayer>.Builder layers,
        ImmutableArray<Annotation>.Builder notes)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < x.Chunks.Length; i++)
        {
            var chunk = x.Chunks[i];
            if (seen.Add(chunk.Location)) layers.Add(LocationLayer(tx, chunk.Location));
            var chunkLayer = $"xcp.chunk[{i}]";
            var decryptedLayer = $"xcp.decrypted[{i}]";
            layers.Add(new ByteLayer(chunkLayer, Convert.ToHexStringLower(chunk.Raw)));
            layers.Add(new ByteLayer(decryptedLayer, Convert.ToHexStringLower(chunk.Decrypted)));
            foreach (var range in chunk.RawRanges)
                notes.Add(new Annotation(chunkLayer, CarrierName(chunk.Carrier) ?? "data", chunk.Location, range.Offset, range.Length));
            notes.Add(new Annotation("data", Convert.ToHexStringLower(chunk.Decrypted.AsSpan(chunk.DataOffset, chunk.DataLength)),
                decryptedLayer, chunk.DataOffset, chunk.DataLength));
        }
    }

    private static ByteLayer LocationLayer(Transaction tx, string location)
    {
        var index = int.Parse(location.AsSpan(location.IndexOf('[', StringComparison.Ordinal) + 1,
            location.IndexOf(']', StringComparison.Ordinal) - location.IndexOf('[', StringComparison.Ordinal) - 1), System.Globalization.CultureInfo.InvariantCulture);
        if (location.StartsWith("output", StringComparison.Ordinal))
        {
            var script = tx.Outputs[index].ScriptPubKey;
            return new ByteLayer(location, Convert.ToHexStringLower(script.ToBytes(true)), script.ToString());
        }
        if (location.EndsWith("scriptSig", StringComparison.Ordinal))
        {
            var script = tx.Inputs[index].ScriptSig;
            return new ByteLayer(location, Convert.ToHexStringLower(script.ToBytes(true)), script.ToString());
        }
        var witness = tx.Inputs[index].WitScript;
        var item = witness[1];
        return new ByteLayer(location, Convert.ToHexStringLower(item), new Script(item).ToString());
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        System.Collections.ICollection c => $"{c.Count} items",
        _ => value.ToString() ?? string.Empty,
    };
}
