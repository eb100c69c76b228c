using Explorer.Protocols.Colu;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// SFFC and payment vectors of ../shared/vectors/colu.json (copied to data/colu/colu.json): Colored-Coins/SFFC@17b4e78
/// test/test.js, Colored-Coins/Transaction@4cc9e90 test/test.js, Colored-Coins/Payment-Encoder@bb5c316 test/test.js and
/// Colored-Coins/Burn-Payment-Encoder@b9324fd test/test.js.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/Number-Encoding
/// </summary>
[Trait("Category", "Unit")]
public class ColuNumberAndPaymentVectorTests
{
    [Fact]
    public void Sffc_13232_is_433b00()
    {
        // Vector cc-sffc-13232.
        var hex = ColuVectors.Input("cc-sffc-13232").GetProperty("sffc_hex").GetString()!;
        var expected = ColuVectors.Expected("cc-sffc-13232").GetProperty("amount").GetUInt64();
        Assert.Equal(DecodeError.None, Sffc.TryRead(Convert.FromHexString(hex), out var value, out var length));
        Assert.Equal((expected, 3), (value, length));
        Assert.Equal(hex, Convert.ToHexStringLower(Sffc.Encode(expected)));
    }

    [Fact]
    public void Sffc_samples_round_trip_and_small_numbers_are_one_byte()
    {
        // Vector cc-sffc-1byte: "0..31 encode as a single byte equal to the number" and the round-trip samples.
        for (ulong n = 0; n < 32; n++) Assert.Equal([(byte)n], Sffc.Encode(n));
        foreach (var sample in ColuVectors.Expected("cc-sffc-1byte").GetProperty("roundtrip_samples").EnumerateArray())
        {
            var n = sample.GetUInt64();
            var bytes = Sffc.Encode(n);
            Assert.Equal(bytes.Length, Sffc.GetLength(n));
            Assert.Equal(DecodeError.None, Sffc.TryRead(bytes, out var back, out var length));
            Assert.Equal((n, bytes.Length), (back, length));
        }
    }

    [Theory]
    [InlineData(9007199254740992UL)]
    [InlineData(10000000000000000000UL)]
    public void Sffc_refuses_numbers_above_2_pow_53_minus_1(ulong n)
    {
        // Vector cc-sffc-1byte "errors": encode throws for 9007199254740992 and 1e19 (negative numbers are not a ulong).
        Assert.Equal(-1, Sffc.GetLength(n));
        Assert.False(Sffc.TryWrite(n, new byte[8], out _));
    }

    [Fact]
    public void Sffc_7_byte_form_reads_0xe0_as_0xc0_and_rejects_values_the_reference_cannot_hold_exactly()
    {
        // 0xc0 + 6 bytes: 54-bit mantissa, no exponent. 2^53-1 is the largest value; 0xe0-flagged 2^53 is refused.
        Assert.Equal(DecodeError.None, Sffc.TryRead(Convert.FromHexString("dfffffffffffff"), out var max, out _));
        Assert.Equal(Sffc.MaxValue, max);
        Assert.Equal(DecodeError.Overflow, Sffc.TryRead(Convert.FromHexString("e0000000000000"), out _, out _));
        Assert.Equal(DecodeError.Truncated, Sffc.TryRead(Convert.FromHexString("c00000"), out _, out _));
    }

    [Fact]
    public void Burn_payments_decode_as_the_reference_test_asserts()
    {
        // Vector cc-burn-payments: output 31 without range in a burn transaction means "burn".
        foreach (var entry in ColuVectors.Expected("cc-burn-payments").EnumerateObject())
        {
            var bytes = Convert.FromHexString(entry.Name);
            Assert.Equal(DecodeError.None, ColuPaymentCodec.TryRead(bytes, 0, 0, burnCodec: true, out var p));
            Assert.Equal(bytes.Length, p!.Length);
            Assert.Equal(entry.Value.GetProperty("burn").GetBoolean(), p.Burn);
            Assert.Null(p.Output);
            Assert.Equal(entry.Value.GetProperty("skip").GetBoolean(), p.Skip);
            Assert.Equal(entry.Value.GetProperty("percent").GetBoolean(), p.Percent);
            Assert.Equal(entry.Value.GetProperty("amount").GetUInt64(), p.Amount);
            var back = new byte[9];
            Assert.True(ColuPaymentCodec.TryWrite(p, true, back, out var n));
            Assert.Equal(entry.Name, Convert.ToHexStringLower(back.AsSpan(0, n)));
            // In a transfer the same bytes are an ordinary payment to output 31.
            Assert.Equal(DecodeError.None, ColuPaymentCodec.TryRead(bytes, 0, 0, burnCodec: false, out var transfer));
            Assert.Equal((31, false), (transfer!.Output!.Value, transfer.Burn));
        }
    }

    [Fact]
    public void Payments_round_trip_like_the_reference_test()
    {
        // Vector cc-payment-roundtrip.
        foreach (var o in ColuVectors.Expected("cc-payment-roundtrip").GetProperty("roundtrip_objects").EnumerateArray())
        {
            var payment = new ColuPayment(0, o.GetProperty("output").GetInt32(), o.GetProperty("amount").GetUInt64(),
                o.GetProperty("skip").GetBoolean(), o.GetProperty("range").GetBoolean(), o.GetProperty("percent").GetBoolean());
            var buffer = new byte[9];
            Assert.True(ColuPaymentCodec.TryWrite(payment, false, buffer, out var n));
            Assert.Equal(DecodeError.None, ColuPaymentCodec.TryRead(buffer.AsSpan(0, n), 0, 0, false, out var back));
            Assert.Equal(payment with { Offset = 0, Length = n }, back);
        }
    }

    [Theory]
    [InlineData(32, false, "Output value is out of bounds")]
    [InlineData(8192, true, "Output value is out of bounds")]
    [InlineData(-1, false, "Output Can't be negative")]
    public void Payment_output_bounds_are_the_reference_ones(int output, bool range, string error)
    {
        // cc-payment-encoder: "(!range && outputBinaryLength > 5) || (range && outputBinaryLength > 13)".
        Assert.Equal(error, ColuPaymentCodec.Validate(new ColuPayment(0, output, 1, Range: range), false));
        Assert.Null(ColuPaymentCodec.Validate(new ColuPayment(0, range ? 8191 : 31, 1, Range: range), false));
    }

    [Fact]
    public void Burn_codec_reserves_output_31_without_range()
    {
        Assert.NotNull(ColuPaymentCodec.Validate(new ColuPayment(0, 31, 1), burnCodec: true));
        Assert.Null(ColuPaymentCodec.Validate(new ColuPayment(0, 31, 1, Range: true), burnCodec: true));
        Assert.Null(ColuPaymentCodec.Validate(ColuPayment.BurnOf(0, 5), burnCodec: true));
    }
}
