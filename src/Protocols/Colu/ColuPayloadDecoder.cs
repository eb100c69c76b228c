using System.Collections.Immutable;
using System.Globalization;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.Colu;

/// <summary>
/// Decodes the OP_RETURN data of a Colu Colored Coins transaction.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/OP_CODES
/// Reference: npm cc-transaction 1.2.1 (Transaction.fromHex), cc-issuance-encoder 1.1.1, cc-transfer-encoder 1.1.2.
/// Stricter than the reference where the reference reads garbage (see docs/colu.md, "Differences"): the tag must be
/// 0x4343, the version 1 or 2, hashes and payments must be complete, numbers at most 2^53−1.
/// </summary>
public static class ColuPayloadDecoder
{
    public const string Layer = "colu.payload";
    public const int HeaderLength = 4;
    public const int TorrentHashLength = 20;
    public const int Sha2Length = 32;

    /// <summary>True when <paramref name="data"/> starts with the "CC" tag (cheap check before decoding).</summary>
    public static bool HasTag(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x43 && data[1] == 0x43;

    /// <summary>
    /// Decodes <paramref name="data"/> (the OP_RETURN push). With <paramref name="withFields"/> false the byte ranges of
    /// the fields (<see cref="ColuPayload.Fields"/>) are not built: the indexer's hot path needs only the values.
    /// </summary>
    public static DecodeResult<ColuPayload> Decode(ReadOnlySpan<byte> data, bool withFields = true)
    {
        // "protocol tag 43 43 ("CC") ... an indexer should require 0x4343 itself" (protocols.md 2.1, 2.9).
        if (!HasTag(data)) return DecodeResult<ColuPayload>.Fail(DecodeError.NotThisProtocol, 0, "no \"CC\" tag");
        if (data.Length < HeaderLength) return DecodeResult<ColuPayload>.Fail(DecodeError.Truncated, data.Length, "payload shorter than tag, version and opcode");
        var version = data[2];
        // "version: 0x01 (old) or 0x02 (current)"
        if (version is not (0x01 or 0x02))
            return DecodeResult<ColuPayload>.Fail(DecodeError.UnsupportedVersion, 2, $"version {version}");
        var opcode = data[3];
        // "Transaction.fromHex dispatches on byte 3": 0x01–0x06 issuance, 0x10–0x15 transfer, 0x20–0x25 burn.
        if (ColuOpcodes.KindOf(opcode) is not { } kind)
            return DecodeResult<ColuPayload>.Fail(DecodeError.UnknownOpcode, 3, $"opcode 0x{opcode:x2}");

        var fields = withFields ? ImmutableArray.CreateBuilder<Annotation>() : null;
        fields?.Add(new Annotation("protocol", "0x4343", Layer, 0, 2));
        fields?.Add(new Annotation("version", version.ToString(CultureInfo.InvariantCulture), Layer, 2, 1));
        fields?.Add(new Annotation("opcode", $"0x{opcode:x2} ({kind.ToString().ToLowerInvariant()})", Layer, 3, 1));

        // Issuance: "the decoder reads the flags byte from the end first, then parses the amount and payments from what lies between".
        var end = data.Length;
        int divisibility = 0;
        var lockStatus = false;
        var policy = ColuAggregationPolicy.Aggregatable;
        if (kind == ColuKind.Issuance)
        {
            if (data.Length < HeaderLength + 1) return DecodeResult<ColuPayload>.Fail(DecodeError.Truncated, data.Length, "issuance without flags byte");
            end = data.Length - 1;
            var flags = data[end];
            // Flags from the most significant bit: divisibility (3 bits), lockStatus (1), aggregation policy (2), reserved (2).
            divisibility = flags >> 5;
            lockStatus = (flags & 0x10) != 0;
            var policyBits = (flags >> 2) & 0x3;
            if (policyBits == 3)
                return DecodeResult<ColuPayload>.Fail(DecodeError.InvalidEncoding, end, "aggregation policy 3 is undefined");
            policy = (ColuAggregationPolicy)policyBits;
            fields?.Add(new Annotation("flags", $"divisibility {divisibility}, {(lockStatus ? "locked" : "unlocked")}, {policy.ToName()}", Layer, end, 1));
        }

        var position = HeaderLength;
        var (torrentInPayload, sha2InPayload) = ColuOpcodes.InPayload(opcode);
        byte[]? torrentHash = null, sha2 = null;
        if (torrentInPayload)
        {
            if (end - position < TorrentHashLength) return DecodeResult<ColuPayload>.Fail(DecodeError.Truncated, position, "torrent hash");
            torrentHash = data.Slice(position, TorrentHashLength).ToArray();
            fields?.Add(new Annotation("torrentHash", Convert.ToHexStringLower(torrentHash), Layer, position, TorrentHashLength));
            position += TorrentHashLength;
        }
        if (sha2InPayload)
        {
            if (end - position < Sha2Length) return DecodeResult<ColuPayload>.Fail(DecodeError.Truncated, position, "sha2");
            sha2 = data.Slice(position, Sha2Length).ToArray();
            fields?.Add(new Annotation("sha2", Convert.ToHexStringLower(sha2), Layer, position, Sha2Length));
            position += Sha2Length;
        }

        ulong? amount = null;
        if (kind == ColuKind.Issuance)
        {
            var error = Sffc.TryRead(data[position..end], out var raw, out var length);
            if (error != DecodeError.None) return DecodeResult<ColuPayload>.Fail(error, position, "issued amount");
            // "With version 0x01 the decoder divides the SFFC value by 10^divisibility" (decodeAmountByVersion).
            var scaled = raw;
            if (version == 0x01)
            {
                var unit = Pow10(divisibility);
                if (raw % unit != 0)
                    return DecodeResult<ColuPayload>.Fail(DecodeError.InvalidEncoding, position, "version 1 amount is not a whole number of units");
                scaled = raw / unit;
            }
            amount = scaled;
            fields?.Add(new Annotation("amount", scaled.ToString(CultureInfo.InvariantCulture), Layer, position, length));
            position += length;
        }

        // "Payments run to the end of the data"; the input index starts at 0 and moves on after each skip.
        var payments = ImmutableArray.CreateBuilder<ColuPayment>();
        var input = 0;
        var burnCodec = kind == ColuKind.Burn;
        var body = data[..end];
        while (position < end)
        {
            var error = ColuPaymentCodec.TryRead(body, position, input, burnCodec, out var read);
            if (error != DecodeError.None || read is not { } payment)
                return DecodeResult<ColuPayload>.Fail(error, position, $"payment {payments.Count}");
            fields?.Add(new Annotation($"payments[{payments.Count}]", Describe(payment), Layer, position, payment.Length));
            payments.Add(payment);
            position += payment.Length;
            // "after a payment whose skip bit is set, the current input index increases by 1" (paymentsSkipToInput)
            if (payment.Skip) input++;
        }

        return DecodeResult<ColuPayload>.Ok(new ColuPayload(version, opcode, kind, payments.ToImmutable(), torrentHash, sha2,
            ColuOpcodes.NoRules(opcode),
            kind == ColuKind.Issuance ? amount : null,
            kind == ColuKind.Issuance ? divisibility : null,
            kind == ColuKind.Issuance ? lockStatus : null,
            kind == ColuKind.Issuance ? policy : null) { Fields = fields?.ToImmutable() ?? [] });
    }

    internal static ulong Pow10(int exponent)
    {
        ulong value = 1;
        for (var i = 0; i < exponent; i++) value *= 10;
        return value;
    }

    private static string Describe(ColuPayment p) =>
        string.Create(CultureInfo.InvariantCulture,
            $"input {p.Input} -> {(p.Burn ? "burn" : "output " + p.Output)} amount {p.Amount}{(p.Percent ? "%" : "")}{(p.Range ? " (range)" : "")}{(p.Skip ? " (skip)" : "")}");
}
