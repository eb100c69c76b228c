using System.Collections.Immutable;
using System.Globalization;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Web.Services;

/// <summary>
/// Reads the decode page's text fields with the decode contract's own parsers (<see cref="DecodeJson"/>), so the
/// page and <c>POST /api/v1/decode</c> accept and reject the same transactions. Never throws on user input.
/// </summary>
public static class DecodeFormParser
{
    public const string TxField = "tx";
    public const string PrevoutsField = "prevouts";
    public const string HeightField = "height";
    public const string NetworkField = "network";

    public static DecodeFormResult Parse(DecodeForm form)
    {
        var errors = ImmutableArray.CreateBuilder<FormError>();

        if (!DecodeJson.TryParseNetwork(form.Network.Trim(), out var network))
        {
            errors.Add(new(NetworkField, "network must be main, test or regtest"));
            network = Network.Main;
        }

        int? height = null;
        if (!string.IsNullOrWhiteSpace(form.Height))
        {
            if (int.TryParse(form.Height.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var h))
                height = h;
            else
                errors.Add(new(HeightField, "height must be a non-negative whole number"));
        }

        var hex = string.Concat(form.Tx.Where(c => !char.IsWhiteSpace(c)));
        Transaction? tx = null;
        if (hex.Length == 0)
            errors.Add(new(TxField, "paste a raw transaction in hex"));
        else if (!DecodeJson.TryParseTransaction(hex, network, out tx, out var txError))
            errors.Add(new(TxField, txError));

        var prevouts = ImmutableArray<TxOut?>.Empty;
        if (tx is not null && !string.IsNullOrWhiteSpace(form.Prevouts))
            prevouts = ParsePrevouts(form.Prevouts, tx.Inputs.Count, errors);

        if (tx is null || errors.Count > 0)
            return new DecodeFormResult(null, errors.ToImmutable());
        return new DecodeFormResult(
            new DecodeRequest(tx, prevouts, [], height, network, DecodeRequest.DefaultXcpPrefix), []);
    }

    private static ImmutableArray<TxOut?> ParsePrevouts(string text, int inputCount, ImmutableArray<FormError>.Builder errors)
    {
        var result = new TxOut?[inputCount];
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var colon = line.LastIndexOf(':');
            if (eq <= 0 || colon < eq)
            {
                errors.Add(new(PrevoutsField, $"line {lineNumber}: expected N=SCRIPTHEX:SATS"));
                continue;
            }
            if (!int.TryParse(line.AsSpan(0, eq), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= inputCount)
            {
                errors.Add(new(PrevoutsField, $"line {lineNumber}: input index must be 0..{inputCount - 1}"));
                continue;
            }
            if (!DecodeJson.TryParseHex(line[(eq + 1)..colon], out var script))
            {
                errors.Add(new(PrevoutsField, $"line {lineNumber}: script is not hex"));
                continue;
            }
            if (!long.TryParse(line.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sats))
            {
                errors.Add(new(PrevoutsField, $"line {lineNumber}: value must be whole satoshis"));
                continue;
            }
            if (result[index] is not null)
            {
                errors.Add(new(PrevoutsField, $"line {lineNumber}: input {index} given twice"));
                continue;
            }
            result[index] = new TxOut(Money.Satoshis(sats), new Script(script));
        }
        return [.. result];
    }
}
