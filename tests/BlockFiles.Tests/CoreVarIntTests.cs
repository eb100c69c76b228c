namespace Explorer.BlockFiles.Tests;

/// <summary>
/// Core's VARINT and amount compression. Vectors: Bitcoin Core src/test/serialize_tests.cpp (varints_bitpatterns)
/// and src/test/compress_tests.cpp (compress_amounts).
/// </summary>
[Trait("Category", "Unit")]
public class CoreVarIntTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(0x7fUL, "7f")]
    [InlineData(0x80UL, "8000")]
    [InlineData(0x1234UL, "a334")]
    [InlineData(0xffffUL, "82fe7f")]
    [InlineData(0x123456UL, "c7e756")]
    [InlineData(0x80123456UL, "86ffc7e756")]
    [InlineData(0xffffffffUL, "8efefefe7f")]
    [InlineData(0x7fffffffffffffffUL, "fefefefefefefefe7f")]
    [InlineData(0xffffffffffffffffUL, "80fefefefefefefefe7f")]
    public void VarInt_MatchesCoreBitPatterns(ulong value, string hex)
    {
        var buffer = new byte[CoreVarInt.MaxVarIntSize];
        var n = CoreVarInt.WriteVarInt(buffer, value);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer.AsSpan(0, n)));
        var pos = 0;
        Assert.True(CoreVarInt.TryReadVarInt(Convert.FromHexString(hex), ref pos, out var back));
        Assert.Equal(value, back);
        Assert.Equal(n, pos);
    }

    [Fact]
    public void VarInt_RejectsTruncatedInput()
    {
        var pos = 0;
        Assert.False(CoreVarInt.TryReadVarInt([0x82, 0xfe], ref pos, out _));
    }

    [Theory]
    [InlineData(0UL, 0x0UL)]
    [InlineData(1UL, 0x1UL)]
    [InlineData(1_000_000UL, 0x7UL)]
    [InlineData(100_000_000UL, 0x9UL)]
    [InlineData(5_000_000_000UL, 0x32UL)]
    [InlineData(2_100_000_000_000_000UL, 0x1406f40UL)]
    public void Amount_MatchesCoreVectors(ulong amount, ulong compressed)
    {
        Assert.Equal(compressed, AmountCompression.Compress(amount));
        Assert.Equal(amount, AmountCompression.Decompress(compressed));
    }

    [Fact]
    public void Amount_RoundTripsOverARange()
    {
        // compress_tests.cpp: "for (uint64_t i = 1; i <= NUM_MULTIPLES_UNIT; i++) BOOST_CHECK(TestEncode(i));" and multiples of CENT/COIN/50 BTC.
        for (ulong i = 1; i <= 100_000; i++)
        {
            Assert.Equal(i, AmountCompression.Decompress(AmountCompression.Compress(i)));
            Assert.Equal(i * 1_000_000, AmountCompression.Decompress(AmountCompression.Compress(i * 1_000_000)));
            Assert.Equal(i * 5_000_000_000, AmountCompression.Decompress(AmountCompression.Compress(i * 5_000_000_000)));
        }
    }
}
