using System.Text.Json;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// The "colu" key of the decode contract (../shared/docs/decode-cli.md) through DecodeJson.DecodeLine, on transactions
/// built around vectors of ../shared/vectors/colu.json (copied to data/colu/colu.json).
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/Coloring-Scheme
/// </summary>
[Trait("Category", "Unit")]
public class ColuDecodeContractTests
{
    private const string Torrent = "46b7e0d000d69330ac1caa48c6559763828762e1";
    private const string Sha2 = "03ffdf3d6790a21c5fc97a62fe1abc5f66922d7dee3725261ce02e86f078d190";

    [Fact]
    public void Issuance_answer_has_every_contract_key_with_the_reference_values()
    {
        // Payload of vector cc-issuance-0x06 with flags 0x70 (divisibility 3, locked, aggregatable) so that input 0's
        // outpoint 0f45…954f:2 gives the asset ID of vector cc-assetid-locked.
        var outpoint = ColuVectors.Input("cc-assetid-locked").GetProperty("first_input").GetString()!.Split(':');
        var assetId = ColuVectors.Expected("cc-assetid-locked").GetProperty("aggregatable (default)").GetString();
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.Parse(outpoint[0]), 2)));
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(1)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(2)));
        tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(Convert.FromHexString("434302060f010f70")))));
        tx.Outputs.Add(new TxOut(Money.Satoshis(5000), P2pkh(3)));
        var line = JsonSerializer.Serialize(new
        {
            tx = tx.ToHex(),
            prevouts = new object?[] { new { script = Convert.ToHexStringLower(P2pkh(9).ToBytes()), value = 10000 }, null },
            inputAssets = new object?[]
            {
                new object[]
                {
                    new { protocol = "colu", assetId = "Ua-old", quantity = 7, issueTxid = "ab", divisibility = 0, lockStatus = false, aggregationPolicy = "aggregatable" },
                    new { protocol = "openassets", assetId = "AXXX", quantity = 9 },
                },
                null,
            },
        });

        using var doc = JsonDocument.Parse(DecodeJson.Serialize(DecodeJson.DecodeLine(line)));
        var colu = doc.RootElement.GetProperty("colu");

        Assert.Equal(2, colu.GetProperty("version").GetInt32());
        Assert.Equal(6, colu.GetProperty("opcode").GetInt32());
        Assert.Equal("issuance", colu.GetProperty("kind").GetString());
        Assert.Equal(15, colu.GetProperty("amount").GetInt64());
        Assert.Equal(3, colu.GetProperty("divisibility").GetInt32());
        Assert.True(colu.GetProperty("lockStatus").GetBoolean());
        Assert.Equal("aggregatable", colu.GetProperty("aggregationPolicy").GetString());
        var payment = Assert.Single(colu.GetProperty("payments").EnumerateArray().ToArray());
        Assert.Equal("""{"input":0,"output":1,"amount":15,"range":false,"percent":false,"burn":false}""", payment.GetRawText());
        Assert.Equal(JsonValueKind.Null, colu.GetProperty("torrentHash").ValueKind);
        Assert.Equal(JsonValueKind.Null, colu.GetProperty("sha2").ValueKind);
        Assert.Equal(JsonValueKind.Null, colu.GetProperty("metadataCarrier").ValueKind);
        Assert.Equal(assetId, colu.GetProperty("assetId").GetString());
        Assert.True(colu.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, colu.GetProperty("error").ValueKind);

        var outputs = colu.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2, 3], outputs.Select(o => o.GetProperty("index").GetInt32()));
        Assert.Empty(outputs[0].GetProperty("assets").EnumerateArray());
        var issued = Assert.Single(outputs[1].GetProperty("assets").EnumerateArray().ToArray());
        Assert.Equal(
            $$"""{"assetId":"{{assetId}}","amount":15,"issueTxid":"{{tx.GetHash()}}","divisibility":3,"lockStatus":true,"aggregationPolicy":"aggregatable"}""",
            issued.GetRawText());
        // The old asset on input 0 is not paid: it goes to the last output. The Open Assets entry is not Colu's.
        var leftover = Assert.Single(outputs[3].GetProperty("assets").EnumerateArray().ToArray());
        Assert.Equal(("Ua-old", 7), (leftover.GetProperty("assetId").GetString(), leftover.GetProperty("amount").GetInt32()));

        var raw = colu.GetProperty("raw");
        Assert.Contains(raw.GetProperty("layers").EnumerateArray(), l => l.GetProperty("name").GetString() == "colu.payload" && l.GetProperty("hex").GetString() == "434302060f010f70");
        Assert.Contains(raw.GetProperty("annotations").EnumerateArray(), a =>
            a.GetProperty("field").GetString() == "colu.payload" && a.GetProperty("layer").GetString() == "output[2].script"
            && a.GetProperty("offset").GetInt32() == 2 && a.GetProperty("length").GetInt32() == 8);
        Assert.Contains(raw.GetProperty("annotations").EnumerateArray(), a =>
            a.GetProperty("field").GetString() == "amount" && a.GetProperty("offset").GetInt32() == 4 && a.GetProperty("length").GetInt32() == 1);
    }

    [Fact]
    public void Hashes_in_a_1_of_3_multisig_output_are_read_with_their_byte_ranges()
    {
        // Vector cc-transfer-0x10-0x11-0x12: opcode 0x12 keeps both hashes in the multisig output the builder puts first.
        var multisig = ColuMultisigHashes.BuildOutput(Convert.FromHexString(Sha2), Convert.FromHexString(Torrent));
        // The script cc-transaction-builder writes: OP_1 <03ff..ff> <03‖sha2> <03‖00×11‖sha1‖00> OP_3 OP_CHECKMULTISIG.
        Assert.Equal("5121" + "03" + new string('f', 64) + "21" + "03" + Sha2 + "21" + "03" + new string('0', 22) + Torrent + "00" + "53ae",
            Convert.ToHexStringLower(multisig.ToBytes()));
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(700), multisig));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(1)));
        tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(Convert.FromHexString("434302120105")))));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(2)));
        var line = JsonSerializer.Serialize(new
        {
            tx = tx.ToHex(),
            inputAssets = new[] { new[] { new { protocol = "colu", assetId = "La-x", quantity = 8, aggregationPolicy = "aggregatable" } } },
        });

        var answer = DecodeJson.DecodeLine(line).Colu!;

        Assert.Equal(("multisig", Torrent, Sha2), (answer.MetadataCarrier, answer.TorrentHash, answer.Sha2));
        Assert.Equal(0, answer.MultisigOutput);
        Assert.Equal(2, answer.OpReturnOutput);
        var sha2Note = answer.Raw.Annotations.Single(a => a.Field == "sha2");
        Assert.Equal(("output[0].script", 1 + 34 + 2, 32), (sha2Note.Layer, sha2Note.Offset, sha2Note.Length));
        var torrentNote = answer.Raw.Annotations.Single(a => a.Field == "torrentHash");
        Assert.Equal(("output[0].script", 1 + 34 + 34 + 1 + 12, 20), (torrentNote.Layer, torrentNote.Offset, torrentNote.Length));
        // Payment "0105": 5 units to output 1, the other 3 to the last output.
        Assert.Equal([0UL, 5UL, 0UL, 3UL], answer.Outputs.Select(o => o.Assets.Aggregate(0UL, (s, a) => s + a.Amount)));
    }

    [Fact]
    public void Transactions_without_a_CC_payload_have_a_null_colu_key_and_bad_payloads_are_invalid()
    {
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp([0x4f, 0x41, 0x01, 0x00]))));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(1)));
        Assert.Null(DecodeJson.DecodeLine(JsonSerializer.Serialize(new { tx = tx.ToHex() })).Colu);

        // A CC payload whose payment is cut short: invalid, with the reason, and no output colored: Colu's indexers treat
        // it like no payload (Colored-Coins/Full-Node src/block_parser.js parseTransaction "if (!coloredData) return
        // cb()"), so the input's 8 units are destroyed (docs/colu.md).
        tx.Outputs[0] = new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(Convert.FromHexString("4343021501"))));
        var line = JsonSerializer.Serialize(new { tx = tx.ToHex(), inputAssets = new[] { new[] { new { protocol = "colu", assetId = "La-x", quantity = 8 } } } });
        var colu = DecodeJson.DecodeLine(line).Colu!;
        Assert.False(colu.Valid);
        Assert.Contains("Truncated", colu.Error, StringComparison.Ordinal);
        Assert.All(colu.Outputs, o => Assert.Empty(o.Assets));
        Assert.Equal(8UL, Assert.Single(colu.Destroyed).Amount);
    }

    [Theory]
    [InlineData(8, 2)]
    [InlineData(75, 2)]
    [InlineData(76, 3)]
    [InlineData(80, 3)]
    public void Payload_offset_in_the_OP_RETURN_script_accounts_for_the_push_opcode(int length, int offset)
    {
        // OP_RETURN <push>: a direct push up to 75 bytes, OP_PUSHDATA1 beyond (the 80-byte payload of cc-issuance-0x01).
        byte[] payload = [0x43, 0x43, 0x02, 0x15, .. Enumerable.Repeat((byte)0x01, length - 4)];
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(1)));
        tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(payload))));
        Assert.True(ColuOpReturn.TryFind(tx, out var found));
        Assert.Equal((1, offset), (found.OutputIndex, found.PayloadOffset));
        Assert.Equal(payload, found.Payload);
    }

    private static Script P2pkh(byte fill) => PayToPubkeyHashTemplate.Instance.GenerateScriptPubKey(new KeyId(Enumerable.Repeat(fill, 20).ToArray()));
}
