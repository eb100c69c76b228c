using Explorer.Protocols.Common;
using Explorer.Web.Services;
using NBitcoin;

namespace Explorer.Web.Tests.Services;

/// <summary>
/// The annotated serialization of a transaction.
/// Format: https://developer.bitcoin.org/reference/transactions.html#raw-transaction-format and BIP 144
/// (https://github.com/bitcoin/bips/blob/master/bip-0144.mediawiki).
/// </summary>
[Trait("Category", "Unit")]
public sealed class TransactionLayoutTests
{
    private static Annotation[] TxAnnotations(RawView view) =>
        view.Annotations.Where(a => a.Layer == TransactionLayout.TxLayer).ToArray();

    /// <summary>The tx-layer annotations tile the serialization: in order, no gap, no overlap, up to the last byte.</summary>
    private static void AssertTiles(Transaction tx, RawView view)
    {
        var annotations = TxAnnotations(view);
        var expectedOffset = 0;
        foreach (var a in annotations)
        {
            Assert.Equal(expectedOffset, a.Offset);
            expectedOffset += a.Length;
        }
        Assert.Equal(tx.ToBytes().Length, expectedOffset);
    }

    [Fact]
    public void Legacy_transaction_fields_tile_the_serialization()
    {
        var tx = TestTransactions.WithOpReturn();
        var view = TransactionLayout.Of(tx);

        AssertTiles(tx, view);
        var fields = TxAnnotations(view).ToDictionary(a => a.Field);
        Assert.Equal("1", fields["version"].Value);
        Assert.Equal(new string('1', 64), fields["input[0].prevout.txid"].Value);
        Assert.Equal("3", fields["input[0].prevout.index"].Value);
        Assert.Equal("3", fields["output count"].Value);
        Assert.Equal("600 sat", fields["output[1].value"].Value);
        Assert.Equal("P2PKH", fields["output[1].script"].Value);
        Assert.DoesNotContain("segwit marker", fields.Keys);
    }

    [Fact]
    public void Witness_transaction_has_marker_flag_and_witness_items()
    {
        var tx = TestTransactions.WithWitness();
        var view = TransactionLayout.Of(tx);

        AssertTiles(tx, view);
        var fields = TxAnnotations(view).ToDictionary(a => a.Field);
        Assert.Equal((4, 1), (fields["segwit marker"].Offset, fields["segwit marker"].Length));
        Assert.Equal("0x01", fields["segwit flag"].Value);
        Assert.Equal("2", fields["input[0].witness count"].Value);
        Assert.Equal("2 bytes", fields["input[0].witness[0]"].Value);
        Assert.Equal("1 bytes", fields["input[0].witness[1]"].Value);
    }

    [Fact]
    public void Each_output_script_is_its_own_layer_with_asm()
    {
        var tx = TestTransactions.WithOpReturn();
        var view = TransactionLayout.Of(tx);

        Assert.Equal(["tx", "output[0].script", "output[1].script", "output[2].script"], view.Layers.Select(l => l.Name));
        Assert.Equal(tx.Outputs[0].ScriptPubKey.ToHex(), view.Layers[1].Hex);
        Assert.Equal("OP_RETURN 68656c6c6f20776f726c64", view.Layers[1].Asm);
    }
}
