using NBitcoin;

namespace Explorer.BlockFiles.Tests;

/// <summary>
/// Core's script compression (src/compressor.cpp). Expected sizes and special codes follow
/// src/test/compress_tests.cpp (compress_script_to_ckey_id, compress_script_to_cscript_id, compress_p2pk_scripts_*).
/// </summary>
[Trait("Category", "Unit")]
public class ScriptCompressionTests
{
    private static readonly Key TestKey = new(Convert.FromHexString("1111111111111111111111111111111111111111111111111111111111111111"));

    public static TheoryData<string, byte, int> Scripts => new()
    {
        { TestKey.PubKey.Hash.ScriptPubKey.ToHex(), 0x00, 21 },
        { TestKey.PubKey.Hash.ScriptPubKey.Hash.ScriptPubKey.ToHex(), 0x01, 21 },
        { PayToPubkeyTemplate.Instance.GenerateScriptPubKey(TestKey.PubKey).ToHex(), TestKey.PubKey.ToBytes()[0], 33 },
        { PayToPubkeyTemplate.Instance.GenerateScriptPubKey(TestKey.PubKey.Decompress()).ToHex(), (byte)(0x04 | (TestKey.PubKey.Decompress().ToBytes()[64] & 1)), 33 },
        // P2WPKH is not special: VARINT(22 + 6) then the script.
        { TestKey.PubKey.WitHash.ScriptPubKey.ToHex(), 22 + 6, 23 },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Compress_UsesCoreSpecialCodes_AndRoundTrips(string scriptHex, byte firstByte, int size)
    {
        var script = Convert.FromHexString(scriptHex);
        var buffer = new byte[ScriptCompression.MaxCompressedSize(script.Length)];
        var n = ScriptCompression.Write(buffer, script);
        Assert.Equal(size, n);
        Assert.Equal(firstByte, buffer[0]);
        var pos = 0;
        Assert.True(ScriptCompression.TryRead(buffer.AsSpan(0, n), ref pos, out var back));
        Assert.Equal(n, pos);
        Assert.Equal(scriptHex, Convert.ToHexStringLower(back));
    }

    [Fact]
    public void TryRead_FailsOnTruncatedSpecialScript()
    {
        var pos = 0;
        Assert.False(ScriptCompression.TryRead([0x00, 1, 2, 3], ref pos, out _));
    }
}
