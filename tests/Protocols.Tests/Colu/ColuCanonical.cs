using System.Globalization;
using System.Text;
using System.Text.Json;
using Explorer.Protocols.Colu;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// One comparable text form for a decoded payload and for a colored output list, built from our records and from the
/// reference's JSON (cc-transaction toJson(), cc-get-assets-outputs result), so that a mismatch prints readably.
/// </summary>
public static class ColuCanonical
{
    public static string Payload(ColuPayload p)
    {
        var sb = new StringBuilder();
        sb.Append(p.Kind.ToString().ToLowerInvariant()).Append('|').Append(p.Version);
        if (p.Kind == ColuKind.Issuance)
            sb.Append(CultureInfo.InvariantCulture, $"|{p.Amount}|{p.Divisibility}|{p.LockStatus}|{p.AggregationPolicy!.Value.ToName()}");
        sb.Append('|').Append(p.TorrentHash is null ? "-" : Convert.ToHexStringLower(p.TorrentHash));
        sb.Append('|').Append(p.TorrentHash is null || p.Sha2 is null ? "-" : Convert.ToHexStringLower(p.Sha2));
        sb.Append('|').AppendJoin(',', p.MultiSig.Select(m => $"{m.Index}:{(m.HashType == ColuHashType.Sha2 ? "sha2" : "torrentHash")}"));
        sb.Append('|').AppendJoin(',', p.Payments.Select(x => x.Burn
            ? string.Create(CultureInfo.InvariantCulture, $"i{x.Input}>burn:{x.Amount}:p{x.Percent}")
            : string.Create(CultureInfo.InvariantCulture, $"i{x.Input}>o{x.Output}:{x.Amount}:r{x.Range}:p{x.Percent}")));
        return sb.ToString();
    }

    public static string Payload(JsonElement tx)
    {
        var sb = new StringBuilder();
        var type = tx.GetProperty("type").GetString();
        sb.Append(type).Append('|').Append(tx.GetProperty("version").GetRawText());
        if (type == "issuance")
            sb.Append(CultureInfo.InvariantCulture, $"|{Raw(tx, "amount")}|{Raw(tx, "divisibility")}|{Bool(tx, "lockStatus")}|{Str(tx, "aggregationPolicy")}");
        sb.Append('|').Append(Str(tx, "torrentHash") ?? "-");
        sb.Append('|').Append(Str(tx, "sha2") ?? "-");
        sb.Append('|').AppendJoin(',', tx.GetProperty("multiSig").EnumerateArray().Select(m => $"{m.GetProperty("index").GetRawText()}:{m.GetProperty("hashType").GetString()}"));
        sb.Append('|').AppendJoin(',', tx.GetProperty("payments").EnumerateArray().Select(x =>
            x.TryGetProperty("burn", out var b) && b.ValueKind == JsonValueKind.True
                ? $"i{Raw(x, "input")}>burn:{Raw(x, "amount")}:p{Bool(x, "percent")}"
                : $"i{Raw(x, "input")}>o{Raw(x, "output")}:{Raw(x, "amount")}:r{Bool(x, "range")}:p{Bool(x, "percent")}"));
        return sb.ToString();
    }

    public static string Outputs(IEnumerable<IEnumerable<ColuAnswerAsset>> outputs) =>
        string.Join(" / ", outputs.Select((o, i) => $"{i}:[" + string.Join(",", o.Select(a =>
            string.Create(CultureInfo.InvariantCulture, $"{a.AssetId}:{a.Amount}:{a.IssueTxid}:{a.Divisibility}:{a.LockStatus}:{a.AggregationPolicy}"))) + "]"));

    public static string Outputs(JsonElement outputs) =>
        string.Join(" / ", outputs.EnumerateArray().Select((o, i) => $"{i}:[" + string.Join(",", o.EnumerateArray().Select(a =>
            $"{Str(a, "assetId")}:{Raw(a, "amount")}:{Str(a, "issueTxid")}:{Raw(a, "divisibility")}:{Bool(a, "lockStatus")}:{Str(a, "aggregationPolicy")}")) + "]"));

    private static string Raw(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetRawText() : "";

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>As C# prints a bool? ("True", "False", "").</summary>
    private static string Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.True => "True", JsonValueKind.False => "False", _ => "" } : "";
}
