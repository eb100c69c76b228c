using System.Collections.Immutable;

namespace Explorer.Protocols.Colu;

/// <summary>
/// Writes Colu payloads. <see cref="TryEncode"/> writes a <see cref="ColuPayload"/> with its own opcode (the inverse of
/// <see cref="ColuPayloadDecoder.Decode"/>). <see cref="TryEncodeLikeReference"/> does what cc-transaction 1.2.1's
/// <c>Transaction.encode()</c> does: payments sorted by input with skip bits, and the opcode chosen by what fits in 80 bytes,
/// the hashes that do not fit returned as leftover for the multisig output.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/OP_CODES
/// </summary>
public static class ColuPayloadEncoder
{
    /// <summary>"The encoders cap the data at 80 bytes (MAXBYTESIZE = 80)."</summary>
    public const int MaxPayloadLength = 80;

    public static bool TryEncode(ColuPayload payload, out byte[] bytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(payload);
        bytes = [];
        if (payload.Version is not (1 or 2)) { error = "version must be 1 or 2"; return false; }
        if (ColuOpcodes.KindOf(payload.Opcode) != payload.Kind) { error = "opcode does not match kind"; return false; }
        var (torrentIn, sha2In) = ColuOpcodes.InPayload(payload.Opcode);
        if (torrentIn && payload.TorrentHash is not { Length: ColuPayloadDecoder.TorrentHashLength }) { error = "opcode needs a 20-byte torrent hash"; return false; }
        if (sha2In && payload.Sha2 is not { Length: ColuPayloadDecoder.Sha2Length }) { error = "opcode needs a 32-byte sha2"; return false; }

        var buffer = new List<byte>(MaxPayloadLength) { 0x43, 0x43, payload.Version, payload.Opcode };
        if (torrentIn) buffer.AddRange(payload.TorrentHash!);
        if (sha2In) buffer.AddRange(payload.Sha2!);
        byte flags = 0;
        if (payload.Kind == ColuKind.Issuance)
        {
            if (payload.Amount is not { } amount || payload.Divisibility is not { } divisibility || payload.LockStatus is not { } locked
                || payload.AggregationPolicy is not { } policy)
            { error = "issuance needs amount, divisibility, lockStatus and aggregationPolicy"; return false; }
            if (divisibility is < 0 or > 7) { error = "Divisibility not in range"; return false; }
            var raw = amount;
            if (payload.Version == 1)
            {
                var unit = ColuPayloadDecoder.Pow10(divisibility);
                if (amount > Sffc.MaxValue / unit) { error = "Number is out of bounds"; return false; }
                raw = amount * unit;
            }
            if (!AppendSffc(buffer, raw)) { error = "Number is out of bounds"; return false; }
            flags = IssueFlags(divisibility, locked, policy);
        }
        if (!AppendPayments(buffer, payload.Payments, payload.Kind == ColuKind.Burn, out error)) return false;
        if (payload.Kind == ColuKind.Issuance) buffer.Add(flags);
        bytes = [.. buffer];
        error = null;
        return true;
    }

    /// <summary>As cc-transaction's encode(): see the class summary. Errors carry the reference's messages.</summary>
    public static bool TryEncodeLikeReference(ColuEncodeRequest request, out ColuEncoded? encoded, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        encoded = null;
        var kind = request.Kind;
        var burnCodec = kind == ColuKind.Burn;
        // paymentsInputToSkip: stable sort by input, "skip = next payment's input > this one's".
        var sorted = request.Payments.Select((p, i) => (p, i)).OrderBy(t => t.p.Input).ThenBy(t => t.i).Select(t => t.p).ToList();
        var payments = ImmutableArray.CreateBuilder<ColuPayment>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
            payments.Add(sorted[i] with { Skip = i + 1 < sorted.Count && sorted[i + 1].Input > sorted[i].Input });

        var tail = new List<byte>();
        if (!AppendPayments(tail, payments.ToImmutable(), burnCodec, out error)) return false;
        var headerLength = 3;
        byte flags = 0;
        byte[] amountBytes = [];
        if (kind == ColuKind.Issuance)
        {
            if (request.Divisibility is < 0 or > 7) { error = "Divisibility not in range"; return false; }
            var amount = new List<byte>();
            if (!AppendSffc(amount, request.Amount)) { error = "Number is out of bounds"; return false; }
            amountBytes = [.. amount];
            flags = IssueFlags(request.Divisibility, request.LockStatus, request.AggregationPolicy);
        }
        var size = headerLength + amountBytes.Length + tail.Count + (kind == ColuKind.Issuance ? 1 : 0) + 1;
        if (size > MaxPayloadLength) { error = "Data code is bigger then the allowed byte size"; return false; }

        ColuHashLayout layout;
        var leftover = ImmutableArray.CreateBuilder<byte[]>();
        var inPayload = new List<byte>();
        if (request.Sha2 is null)
        {
            if (request.TorrentHash is { } torrent)
            {
                if (size + torrent.Length > MaxPayloadLength) { error = "Can't fit Torrent Hash in byte size"; return false; }
                layout = kind == ColuKind.Issuance ? ColuHashLayout.TorrentOnly
                    : request.NoRules ? ColuHashLayout.TorrentOnlyNoRules : ColuHashLayout.TorrentOnly;
                inPayload.AddRange(torrent);
            }
            else
            {
                layout = kind != ColuKind.Issuance ? ColuHashLayout.NoMetadata
                    : request.NoRules ? ColuHashLayout.NoMetadataNoRules : ColuHashLayout.NoMetadataRulesAllowed;
            }
        }
        else
        {
            if (request.TorrentHash is null) { error = "Torrent Hash is missing"; return false; }
            // "It tries 0x01 first, then 0x02 (sha2 spills out), then 0x03 (both spill out)."
            layout = ColuHashLayout.BothInMultisig;
            size += request.TorrentHash.Length;
            var rest = new Queue<byte[]>([request.TorrentHash, request.Sha2]);
            if (size <= MaxPayloadLength)
            {
                inPayload.AddRange(rest.Dequeue());
                layout = ColuHashLayout.TorrentInOpReturnSha2InMultisig;
                size += request.Sha2.Length;
            }
            if (size <= MaxPayloadLength)
            {
                inPayload.AddRange(rest.Dequeue());
                layout = ColuHashLayout.BothInOpReturn;
            }
            leftover.AddRange(rest);
        }
        var opcode = ColuOpcodes.OpcodeOf(kind, layout)!.Value;
        var bytes = new List<byte>(MaxPayloadLength) { 0x43, 0x43, request.Version, opcode };
        bytes.AddRange(inPayload);
        bytes.AddRange(amountBytes);
        bytes.AddRange(tail);
        if (kind == ColuKind.Issuance) bytes.Add(flags);
        encoded = new ColuEncoded([.. bytes], leftover.ToImmutable(), payments.ToImmutable());
        error = null;
        return true;
    }

    /// <summary>The issue flags byte: divisibility (bits 7..5), lockStatus (4), aggregation policy (3..2), 0 (1..0).</summary>
    public static byte IssueFlags(int divisibility, bool lockStatus, ColuAggregationPolicy policy) =>
        (byte)((divisibility << 5) | (lockStatus ? 0x10 : 0) | ((int)policy << 2));

    private static bool AppendSffc(List<byte> buffer, ulong value)
    {
        Span<byte> tmp = stackalloc byte[Sffc.MaxLength];
        if (!Sffc.TryWrite(value, tmp, out var n)) return false;
        foreach (var b in tmp[..n]) buffer.Add(b);
        return true;
    }

    private static bool AppendPayments(List<byte> buffer, ImmutableArray<ColuPayment> payments, bool burnCodec, out string? error)
    {
        Span<byte> tmp = stackalloc byte[2 + Sffc.MaxLength];
        foreach (var payment in payments)
        {
            error = ColuPaymentCodec.Validate(payment, burnCodec);
            if (error is not null) return false;
            if (!ColuPaymentCodec.TryWrite(payment, burnCodec, tmp, out var n)) { error = "payment does not encode"; return false; }
            foreach (var b in tmp[..n]) buffer.Add(b);
        }
        error = null;
        return true;
    }
}
