using Explorer.Protocols.Common;

namespace Explorer.Protocols.Colu;

/// <summary>
/// The payment (transfer instruction) encoding and the burn payment encoding.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/Transfer-Instructions
/// Reference: npm cc-payment-encoder 1.0.1 (Colored-Coins/Payment-Encoder@bb5c316:paymentEncoder.js) and
/// cc-burn-payment-encoder 1.0.1 (Colored-Coins/Burn-Payment-Encoder@b9324fd:paymentEncoder.js).
/// </summary>
public static class ColuPaymentCodec
{
    public const byte SkipFlag = 0x80;
    public const byte RangeFlag = 0x40;
    public const byte PercentFlag = 0x20;

    /// <summary>"output field = 31 (0x1f) with range = 0 means burn this amount" (cc-burn-payment-encoder BURN_OUTPUT).</summary>
    public const int BurnOutput = 0x1F;

    /// <summary>5 bits without range, 13 bits with range.</summary>
    public const int MaxOutput = 0x1F;
    public const int MaxRangeOutput = 0x1FFF;

    /// <summary>
    /// Reads one payment at <paramref name="offset"/> of <paramref name="payload"/>. <paramref name="input"/> is the
    /// implicit input index; <paramref name="burnCodec"/> selects the burn payment encoding (burn opcodes).
    /// </summary>
    public static DecodeError TryRead(ReadOnlySpan<byte> payload, int offset, int input, bool burnCodec, out ColuPayment? payment)
    {
        payment = null;
        if (offset >= payload.Length) return DecodeError.Truncated;
        var flags = payload[offset];
        var skip = (flags & SkipFlag) != 0;
        var range = (flags & RangeFlag) != 0;
        var percent = (flags & PercentFlag) != 0;
        int output = flags & 0x1F;
        var position = offset + 1;
        // "If range = 1, one more byte follows, and the output index becomes 13 bits"
        if (range)
        {
            if (position >= payload.Length) return DecodeError.Truncated;
            output = (output << 8) | payload[position++];
        }
        var error = Sffc.TryRead(payload[position..], out var amount, out var amountLength);
        if (error != DecodeError.None) return error;
        position += amountLength;
        // "var burn = !ans.range && (ans.output === BURN_OUTPUT)"
        var burn = burnCodec && !range && output == BurnOutput;
        payment = new ColuPayment(input, burn ? null : output, amount, skip, burn ? false : range, percent, burn,
            offset, position - offset);
        return DecodeError.None;
    }

    /// <summary>Encoded length of <paramref name="payment"/>, or -1 when it cannot be encoded.</summary>
    public static int GetLength(ColuPayment payment, bool burnCodec) =>
        Validate(payment, burnCodec) is not null ? -1 : 1 + (payment.Range && !payment.Burn ? 1 : 0) + Sffc.GetLength(payment.Amount);

    /// <summary>Why the reference encoder would refuse <paramref name="payment"/>, or null when it encodes.</summary>
    public static string? Validate(ColuPayment payment, bool burnCodec)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (payment.Burn)
        {
            if (!burnCodec) return "burn payment outside a burn transaction";
            if (payment.Output is not null) return "Received both burn and output";
            if (payment.Range) return "Received both burn and range";
        }
        else
        {
            if (payment.Output is not { } output) return "Needs output value";
            if (output < 0) return "Output Can't be negative";
            // "(!range && outputBinaryLength > 5) || (range && outputBinaryLength > 13)"
            if (output > (payment.Range ? MaxRangeOutput : MaxOutput)) return "Output value is out of bounds";
            // cc-burn-payment-encoder: output 31 without range is reserved for burn inside a burn transaction.
            if (burnCodec && !payment.Range && output == BurnOutput) return "Received range and output values reserved to represent burn";
        }
        if (payment.Amount > Sffc.MaxValue) return "Number is out of bounds";
        return null;
    }

    /// <summary>Writes <paramref name="payment"/>: the flags/output byte(s), then the amount in SFFC.</summary>
    public static bool TryWrite(ColuPayment payment, bool burnCodec, Span<byte> destination, out int written)
    {
        written = 0;
        var length = GetLength(payment, burnCodec);
        if (length < 0 || destination.Length < length) return false;
        var range = payment.Range && !payment.Burn;
        var output = payment.Burn ? BurnOutput : payment.Output!.Value;
        var position = 0;
        if (range)
        {
            destination[0] = (byte)(output >> 8);
            destination[1] = (byte)output;
            position = 2;
        }
        else
        {
            destination[0] = (byte)output;
            position = 1;
        }
        if (payment.Skip) destination[0] |= SkipFlag;
        if (range) destination[0] |= RangeFlag;
        if (payment.Percent) destination[0] |= PercentFlag;
        if (!Sffc.TryWrite(payment.Amount, destination[position..], out var n)) return false;
        written = position + n;
        return true;
    }
}
