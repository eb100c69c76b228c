using Explorer.Protocols.Common;
using Explorer.Protocols.OpenAssets;
using NBitcoin;
using static Explorer.Protocols.Tests.OpenAssets.OaVectors;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// Which push of an output script carries the marker, and which output of a transaction is the marker.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#marker-output
/// </summary>
[Trait("Category", "Unit")]
public class MarkerScriptParserTests
{
    private const string SpecPayload = "4f41010003ac0200e58e260412345678";

    /// <summary>oa-marker-push-parsing (NBitcoin ColoredCoinsTests.CanParseColorMarker2): invalid markers.</summary>
    [Fact]
    public void NBitcoinInvalidMarkers_AreNotMarkers()
    {
        var invalid = Expected("oa-marker-push-parsing").GetProperty("invalid_markers").EnumerateObject().ToList();
        Assert.Equal(3, invalid.Count);
        foreach (var entry in invalid)
            Assert.False(MarkerScriptParser.TryParse(Hex(entry.Name), out _), entry.Value.GetString());

        // The trailing byte is reported where it sits in the script.
        var trailing = MarkerScriptParser.Parse(Hex("6a114f41010003ac0200e58e26041234567800"));
        Assert.Equal(DecodeError.TrailingBytes, trailing.Error);
        Assert.Equal(18, trailing.ErrorOffset);
    }

    /// <summary>oa-marker-push-parsing: valid markers, including extra opcodes and a broken push after the payload.</summary>
    [Fact]
    public void NBitcoinValidMarkers_UseTheFirstParsablePush()
    {
        var valid = Expected("oa-marker-push-parsing").GetProperty("valid_markers").EnumerateObject().ToList();
        Assert.Equal(4, valid.Count);
        foreach (var entry in valid)
        {
            var script = Hex(entry.Name);
            Assert.True(MarkerScriptParser.TryParse(script, out var found), entry.Value.GetString());
            Assert.Equal([300UL, 0, 624485], found.Marker.Quantities.ToArray());
            Assert.Equal(SpecPayload, Convert.ToHexStringLower(script.AsSpan(found.Payload.Offset, found.Payload.Length)));
        }
        // "non-push opcodes around the push": 6a 57 6e [10 ...]: the push opcode is at byte 3.
        Assert.True(MarkerScriptParser.TryParse(Hex("6a576e104f41010003ac0200e58e26041234567868"), out var around));
        Assert.Equal(new FieldSpan(3, 1), around.PushOpcode);
        Assert.Equal(new FieldSpan(4, 2), around.Ranges.Tag);
    }

    /// <summary>oa-marker-push-parsing "tx_level": no inputs or a coinbase input means no marker; otherwise the
    /// marker is the second push of output 0 (the first push has a trailing byte).</summary>
    [Fact]
    public void TransactionLevel_MarkerIsFirstParsableOutputAndPush()
    {
        var output0 = Hex("6a114f41010003f00100e58e26041234567800104f41010003f00100e58e260412345678");
        var output1 = Hex("6a10" + SpecPayload);
        var tx = Network.Main.CreateTransaction();
        tx.Outputs.Add(new TxOut(Money.Zero, new Script(output0)));
        tx.Outputs.Add(new TxOut(Money.Zero, new Script(output1)));
        Assert.False(MarkerLocator.TryFind(tx, out _, out _));

        tx.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), new Script(Op.GetPushOp(1))));
        Assert.True(tx.IsCoinBase);
        Assert.False(MarkerLocator.TryFind(tx, out _, out _));

        tx.Inputs[0].PrevOut = new OutPoint(uint256.One, 0);
        Assert.True(MarkerLocator.TryFind(tx, out var index, out var marker));
        Assert.Equal(0, index);
        Assert.Equal(new FieldSpan(19, 1), marker.PushOpcode);
        Assert.Equal([240UL, 0, 624485], marker.Marker.Quantities.ToArray());
    }

    /// <summary>oa-py-parse-script (tests/test_protocol.py test_parse_script_success): the five push forms.
    /// The same forms carrying a real payload all give the marker.</summary>
    [Fact]
    public void AllPushOpcodeForms_CarryAMarker()
    {
        var forms = Expected("oa-py-parse-script").GetProperty("payload_of").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["6a00", "6a06616263646566", "6a4c06616263646566", "6a4d0600616263646566", "6a4e06000000616263646566"], forms);
        foreach (var script in forms)
            Assert.False(MarkerScriptParser.TryParse(Hex(script), out _)); // "abcdef" and "" are not OA payloads

        string[] headers = ["10", "4c10", "4d1000", "4e10000000"];
        foreach (var header in headers)
        {
            Assert.True(MarkerScriptParser.TryParse(Hex("6a" + header + SpecPayload), out var found), header);
            Assert.Equal(header.Length / 2, found.PushOpcode.Length);
            Assert.Equal(1 + header.Length / 2, found.Payload.Offset);
        }
    }

    /// <summary>
    /// oa-py-parse-script "no_payload": none of these scripts is a marker for us either. The decision (docs/openassets.md
    /// "Which push counts") only differs when a valid OA payload is followed by more opcodes: the Python reference
    /// rejects "6a06abcdef 75"-shaped scripts, we (with the spec text and NBitcoin) accept the payload push.
    /// </summary>
    [Fact]
    public void PythonNoPayloadScripts_AreNotMarkers_ButExtraOpcodesAfterAPayloadAreAccepted()
    {
        var scripts = Expected("oa-py-parse-script").GetProperty("no_payload (reference impl requires exactly OP_RETURN + one push)")
            .EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(8, scripts.Count);
        foreach (var script in scripts)
            Assert.False(MarkerScriptParser.TryParse(Hex(script), out _), script);

        Assert.True(MarkerScriptParser.TryParse(Hex("6a10" + SpecPayload + "0161"), out _));
        Assert.True(MarkerScriptParser.TryParse(Hex("6a10" + SpecPayload + "75"), out _));
        Assert.True(MarkerScriptParser.TryParse(Hex("6a0161" + "10" + SpecPayload), out _));
    }

    [Theory]
    [InlineData("", DecodeError.NotThisProtocol)]
    [InlineData("76a914010966776006953d5567439e5e39f86a0d273bee88ac", DecodeError.NotThisProtocol)]
    [InlineData("6a04deadbeef", DecodeError.NotThisProtocol)] // oa-ruby-payload-vectors: "not a marker (nil)"
    [InlineData("6a224f41010001ee05753d68747470733a2f2f6370722e736d2f6d694c5a50484779782d", DecodeError.Truncated)] // ruby: metadata length 0x75 exceeds
    [InlineData("6a094f41010002ac02c21c", DecodeError.Truncated)] // ruby: "second LEB128 truncated"
    [InlineData("6a4d0001" + SpecPayload, DecodeError.NotThisProtocol)] // the push runs past the end
    public void NonMarkers_GiveTypedReasons(string scriptHex, DecodeError error)
    {
        var result = MarkerScriptParser.Parse(Hex(scriptHex));
        Assert.False(result.IsSuccess);
        Assert.Equal(error, result.Error);
    }
}
